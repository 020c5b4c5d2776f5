package io.vigil.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;

/** The audit trail, newest first: who changed what, when, from where, and how it ended. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditStore store;

    public AuditResource(AuditStore store) {
        this.store = store;
    }

    /** Parameters are read as text, so a bad one gets a 400 that says what is wrong (not JAX-RS' bare 404). */
    @GET
    public List<AuditEvent> list(@QueryParam("limit") String limit, @QueryParam("since") String since,
            @QueryParam("actor") String actor) {
        return store.newest(limit(limit), since(since), actor == null || actor.isBlank() ? null : actor);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit: a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }

    private static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since: a time such as 2026-05-01T08:00:00Z, got '" + text + "'");
        }
    }
}
