package io.vigil.api;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.notify.InvalidFieldException;

/** A value the notification side refused: 400, with the field named at the start of the detail. */
public class NotificationProblems {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), "Bad Request", 400, e.getMessage(), uri.getPath(), e.field());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
