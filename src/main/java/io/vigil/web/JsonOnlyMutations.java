package io.vigil.web;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Changes are made with JSON only. A form or {@code text/plain} post is what a hostile web page can send cross-site
 * without a CORS preflight; refusing every other body type (415) closes that door even before the token check. A
 * change without a body (run-now, archive) may omit the content type.
 */
public class JsonOnlyMutations {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOtherBodies(ContainerRequestContext request) {
        if (!CHANGES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        boolean json = type != null
                && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
        if (json || (type == null && !hasBody(request))) {
            return Optional.empty();
        }
        String detail = type == null
                ? "Send the body as application/json"
                : "Send application/json, not " + type.getType() + "/" + type.getSubtype();
        return Optional.of(ProblemMappers.respond(415, "Unsupported Media Type", detail, request.getUriInfo()));
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        return request.getHeaderString("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }
}
