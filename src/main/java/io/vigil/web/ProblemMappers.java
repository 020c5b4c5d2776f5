package io.vigil.web;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vigil.log.LogSafe;
import io.vigil.store.StoreConfig;
import io.vigil.store.StoreProbe;
import io.vigil.store.StoreWriteFailure;

/** Every error leaves as application/problem+json; unexpected ones without internals. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final StoreProbe store;
    private final long retryAfterSeconds;

    public ProblemMappers(StoreProbe store, StoreConfig config) {
        this.store = store;
        this.retryAfterSeconds = Math.max(1, (config.probeInterval().toMillis() + 999) / 1000);
    }

    /** A value a user sent that a feature refused: 400 naming the field. */
    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), "Bad Request", 400, e.getMessage(), uri.getPath(), e.field());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

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

    /** A value Bean Validation refused (the annotations on request records): 400 naming the field. */
    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        Violations bad = Violations.of(e.getConstraintViolations());
        Problem problem = new Problem(URI.create("about:blank"), "Bad Request", 400, bad.detail(), uri.getPath(), bad.field());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps most Jackson errors (a constructor refusing a value among them) in a bare 400.
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

    /**
     * A write the database refused because it cannot be written is not Vigil failing: 503 with Retry-After, and
     * readiness learns it at once. Anything else is unexpected: 500 without internals.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Optional<String> unwritable = StoreWriteFailure.reason(e);
        if (unwritable.isPresent()) {
            store.refused(unwritable.get());
            LOG.warnf("Refused a change on %s: Vigil's database cannot be written (%s)", LogSafe.escape(uri.getPath()),
                    LogSafe.escape(unwritable.get()));
            Problem problem = new Problem(URI.create("about:blank"), "Service Unavailable", 503, "Vigil's database cannot be"
                    + " written: " + unwritable.get() + ". Reads still work; try the change again when it can be written.",
                    uri.getPath());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfterSeconds).entity(problem)
                    .build();
        }
        LOG.errorf(LogSafe.escape(e), "Unexpected error on %s", LogSafe.escape(uri.getPath()));
        return respond(500, "Internal Server Error", "Vigil failed to answer; the log has the details", uri);
    }

    static Response respond(int status, String title, String detail, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail, uri == null ? null : uri.getPath());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
