package io.vigil.notify.receiver.email;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.auth.Roles;
import io.vigil.validation.RequestValidator;
import io.vigil.web.ProblemException;

/**
 * The SMTP settings of email notifications. Stored ones take precedence over {@code quarkus.mailer.*}, which GET shows
 * when none are stored. The password is write-only: answers say {@code password_set}, never the password.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationSettingsResource {

    /** {@code source}: database (set here) or configuration (quarkus.mailer.*). */
    public record SettingsView(String source, String host, Integer port, String tls, String from, String username,
            boolean passwordSet, Instant updatedAt) {
    }

    private final SmtpSettingsStore store;
    private final Config config;
    private final ObjectMapper json;
    private final RequestValidator requests;

    public NotificationSettingsResource(SmtpSettingsStore store, Config config, ObjectMapper json, RequestValidator requests) {
        this.store = store;
        this.config = config;
        this.json = json;
        this.requests = requests;
    }

    @GET
    public SettingsView get() {
        return store.current().map(NotificationSettingsResource::view).orElseGet(this::fromConfiguration);
    }

    /**
     * Replaces the stored settings. A password left out keeps the stored one, as long as host, port, TLS mode and
     * username stay the same; {@code "password": null} or {@code ""} removes it. Read as a tree because a record cannot
     * tell a password left out from a null one.
     */
    @RolesAllowed(Roles.ADMIN)
    @PUT
    public SettingsView put(JsonNode body) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("send the settings as a JSON object: {\"host\", \"port\", \"tls\","
                    + " \"from\", \"username\", \"password\"}");
        }
        ObjectNode fields = (ObjectNode) body;
        if (fields.has("password") && fields.get("password").isNull()) {
            fields.put("password", "");
        }
        SmtpSettings.Input input = json.treeToValue(fields, SmtpSettings.Input.class);
        return view(store.save(requests.check(input)));
    }

    /** Forgets the stored settings: email goes out through quarkus.mailer.* again. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    public SettingsView delete() {
        store.clear();
        return fromConfiguration();
    }

    private static SettingsView view(SmtpSettings s) {
        return new SettingsView("database", s.host(), s.port(), s.tls().label(), s.from(), s.username(), s.passwordSet(),
                s.updatedAt());
    }

    private SettingsView fromConfiguration() {
        boolean tls = config.getOptionalValue("quarkus.mailer.tls", Boolean.class).orElse(false);
        String startTls = config.getOptionalValue("quarkus.mailer.start-tls", String.class).orElse("OPTIONAL");
        String mode = tls ? "tls" : "DISABLED".equalsIgnoreCase(startTls) ? "none" : "starttls";
        return new SettingsView("configuration",
                config.getOptionalValue("quarkus.mailer.host", String.class).orElse("localhost"),
                config.getOptionalValue("quarkus.mailer.port", Integer.class).orElse(tls ? 465 : 25),
                mode,
                config.getOptionalValue("quarkus.mailer.from", String.class).orElse(null),
                config.getOptionalValue("quarkus.mailer.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.mailer.password", String.class).isPresent(),
                null);
    }
}
