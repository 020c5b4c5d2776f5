package io.vigil.services;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vigil.auth.Roles;
import io.vigil.hub.view.ServiceTarget;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.web.HumanDuration;
import io.vigil.web.ProblemException;

/**
 * The peer services Vigil checks: every target with where it comes from; admins make, change and remove the API's
 * own. Header values are write-only: a target shows the names of its headers, never their values. Live state is at
 * {@code /api/v1/metrics/services}.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {

    /**
     * A target as it is written. Durations as {@code 30s}, {@code 500ms} or ISO-8601; on PUT, leaving {@code headers}
     * out keeps the stored ones (send {@code {}} to remove them).
     */
    public record TargetBody(@OneLine(max = 64) String name, @OneLine(max = 2000) String url, @OneLine(max = 16) String method,
            Map<String, String> headers, @OneLine(max = 32) String interval, @OneLine(max = 32) String timeout,
            @OneLine(max = 200) String expectedStatus, @OneLine(max = 1000) String bodyContains,
            @OneLine(max = 200) String jsonPath, @OneLine(max = 1000) String jsonValue,
            @OneLine(max = 32) String maxResponseTime, Boolean insecure) {
    }

    /** A target as it is read: no header value, ever. */
    public record TargetView(String name, String url, String method, List<String> headerNames, Duration interval,
            Duration timeout, String expectedStatus, String bodyContains, String jsonPath, String jsonValue,
            Duration maxResponseTime, boolean insecure, String origin, boolean editable) {

        static TargetView of(ServiceTarget t) {
            return new TargetView(t.name(), withoutCredentials(t.url()), t.method(), t.headerNames(), t.interval(), t.timeout(),
                    t.expectedStatus(), t.bodyContains(), t.jsonPath(), t.jsonValue(), t.maxResponseTime(), t.insecure(),
                    t.origin(),
                    ServiceTargetStore.ORIGIN.equals(t.origin()));
        }
    }

    private final ServiceTargetRegistry targets;
    private final RequestValidator requests;

    public ServicesResource(ServiceTargetRegistry targets, RequestValidator requests) {
        this.targets = targets;
        this.requests = requests;
    }

    @GET
    public List<TargetView> list() {
        return targets.targets().stream().map(TargetView::of).toList();
    }

    @GET
    @Path("{name}")
    public TargetView get(@PathParam("name") String name) {
        return targets.get(name).map(TargetView::of).orElseThrow(() -> notFound(name));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response create(TargetBody body) {
        requests.check(body);
        ServiceTarget created = targets.create(parse(body, null, Map.of()));
        return Response.created(URI.create("/api/v1/services/" + created.name())).entity(TargetView.of(created)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{name}")
    public TargetView update(@PathParam("name") String name, TargetBody body) {
        requests.check(body);
        ServiceTarget existing = targets.get(name).orElseThrow(() -> notFound(name));
        return targets.update(parse(body, name, existing.headers())).map(TargetView::of).orElseThrow(() -> notFound(name));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (!targets.delete(name)) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    /** @param name the target's name from the path on PUT (the body may repeat it, not change it) */
    private static ServiceTarget parse(TargetBody body, String name, Map<String, String> keptHeaders) {
        if (body == null) {
            throw ProblemException.badRequest("send the target as JSON: {\"name\", \"url\", ...}");
        }
        if (name != null && body.name() != null && !body.name().equals(name)) {
            throw ProblemException.invalid("name", "a service cannot be renamed; delete it and make a new one");
        }
        Map<String, String> headers = body.headers() == null ? keptHeaders : body.headers();
        if (ServiceTargetStore.headers(headers).length() > 8000) {
            throw ProblemException.invalid("headers", "at most 8000 characters together");
        }
        try {
            return ServiceTarget.of(name != null ? name : body.name(), body.url(), body.method(), headers,
                    duration("interval", body.interval(), TargetDefaults.INTERVAL),
                    duration("timeout", body.timeout(), TargetDefaults.TIMEOUT), body.expectedStatus(), body.bodyContains(),
                    body.jsonPath(), body.jsonValue(), duration("max_response_time", body.maxResponseTime(), null),
                    Boolean.TRUE.equals(body.insecure()), ServiceTargetStore.ORIGIN);
        } catch (ServiceTarget.Invalid e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }

    private static Duration duration(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return HumanDuration.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static String withoutCredentials(URI url) {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private static ProblemException notFound(String name) {
        return ProblemException.notFound("No service named " + name);
    }
}
