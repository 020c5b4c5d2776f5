package io.vigil.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.auth.Roles;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.StoredTime;
import io.vigil.validation.Text;
import io.vigil.web.ProblemException;

/** Silences: mute the notifications of matching alerts for a while. They end by themselves. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {

    /** A new silence; {@code starts_at} defaults to now. */
    public record SilenceRequest(List<@NotNull(message = "must be a matcher, not null") @Valid Matcher> matchers,
            @StoredTime Instant startsAt, @StoredTime Instant endsAt, @OneLine(max = 200) String createdBy,
            @Text(max = 2000) String comment) {
    }

    /** The matchers are stored as JSON in a column of 4000 characters. */
    static final int MAX_MATCHERS_JSON = 4000;

    /**
     * A silence with its state now: pending, active or expired. One stored that cannot be read is listed with
     * {@code valid: false} and the reason in {@code error}; it mutes nothing, and DELETE ends it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SilenceView(Silence silence, String state, boolean valid, String error) {

        static SilenceView of(SilenceStore.StoredSilence s, Instant now) {
            return new SilenceView(s.silence(), s.silence().state(now), s.valid(), s.error());
        }
    }

    private final SilenceStore store;
    private final AlertEngine engine;
    private final ObjectMapper json;
    private final RequestValidator requests;

    public SilencesResource(SilenceStore store, AlertEngine engine, ObjectMapper json, RequestValidator requests) {
        this.store = store;
        this.engine = engine;
        this.json = json;
        this.requests = requests;
    }

    @GET
    public List<SilenceView> list(@QueryParam("state") String state) {
        Instant now = Instant.now();
        return store.listing().stream().map(s -> SilenceView.of(s, now))
                .filter(v -> state == null || v.state().equals(state)).toList();
    }

    @GET
    @Path("{id}")
    public SilenceView one(@PathParam("id") String id) {
        Instant now = Instant.now();
        return store.listing().stream().filter(s -> s.silence().id().equals(id)).findFirst().map(s -> SilenceView.of(s, now))
                .orElseThrow(() -> ProblemException.notFound("No silence " + id));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SilenceRequest request) throws JsonProcessingException {
        requests.check(request);
        if (request == null || request.matchers() == null || request.matchers().isEmpty()) {
            throw ProblemException.invalid("matchers",
                    "at least one matcher, e.g. {\"name\":\"alertname\",\"value\":\"CpuHigh\"}");
        }
        if (json.writeValueAsString(request.matchers()).length() > MAX_MATCHERS_JSON) {
            throw ProblemException.invalid("matchers", "the matchers take more than " + MAX_MATCHERS_JSON
                    + " characters as JSON; use fewer or shorter ones");
        }
        Instant now = Instant.now();
        Instant starts = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() == null || !request.endsAt().isAfter(starts) || !request.endsAt().isAfter(now)) {
            throw ProblemException.invalid("ends_at", "ends_at must be after starts_at and in the future");
        }
        if (request.createdBy() == null || request.createdBy().isBlank()) {
            throw ProblemException.invalid("created_by", "say who silences");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            throw ProblemException.invalid("comment", "say why");
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), request.matchers(), starts, request.endsAt(),
                request.createdBy().trim(), request.comment().trim(), now);
        store.insert(silence);
        engine.reloadSilences();
        return Response.status(201).entity(new SilenceView(silence, silence.state(now), true, null)).build();
    }

    /** Expires the silence now. */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("{id}")
    public Response expire(@PathParam("id") String id) {
        if (!store.expire(id, Instant.now())) {
            throw ProblemException.notFound("No active or pending silence " + id);
        }
        engine.reloadSilences();
        return Response.noContent().build();
    }
}
