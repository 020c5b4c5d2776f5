package io.vigil.api;

import java.net.URI;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Every error leaves as application/problem+json; unexpected ones without internals. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), e.title(), e.status(), e.getMessage(), uri.getPath(), e.field());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Quarkus has its own answer for this Jackson error; ours says which field in problem+json. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    /** A body Jackson could not read: the field and the kind of value it takes, in the API's words ({@link BadJson}). */
    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        BadJson bad = BadJson.of(e);
        Problem problem = new Problem(URI.create("about:blank"), "Bad Request", 400, bad.detail(), uri.getPath(), bad.field());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 415 -> "Send application/json";
            default -> e.getMessage();
        };
        return respond(status.getStatusCode(), status.getReasonPhrase(), detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return respond(500, "Internal Server Error", "Vigil failed to answer; the log has the details", uri);
    }

    static Response respond(int status, String title, String detail, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail, uri == null ? null : uri.getPath());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
