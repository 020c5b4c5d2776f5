package io.vigil.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.notify.InvalidFieldException;

/** A value the notification side refused: 400, with the field named at the start of the detail. */
public class NotificationProblems {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        return ProblemMappers.respond(400, "Bad Request", e.getMessage(), uri);
    }
}
