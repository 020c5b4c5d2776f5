package io.vigil.notify.log;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;
import io.vigil.web.InvalidFieldException;

/** The notification log, newest first, with each receiver's last error. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/notification-log")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationLogResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** The entries asked for, and the latest failed or retrying attempt of each receiver however old. */
    public record LogPage(List<NotificationLog.Entry> entries, List<NotificationLog.Entry> lastErrors) {
    }

    private final NotificationLog log;

    public NotificationLogResource(NotificationLog log) {
        this.log = log;
    }

    @GET
    public LogPage list(@QueryParam("limit") String limit, @QueryParam("receiver") String receiver) {
        int n = parseLimit(limit);
        String only = receiver == null || receiver.isBlank() ? null : receiver.trim();
        return new LogPage(log.recent(n, only), log.lastErrors(only));
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "'" + limit + "' is not a number from 1 to " + MAX_LIMIT);
    }
}
