package io.vigil.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a Vigil API token from {@code Authorization: Bearer ...}, or, on the WebSocket's upgrade request only,
 * from {@code ?token=} (browsers cannot set headers there). Anything else is left to the other mechanisms (OIDC/JWT
 * bearer tokens) or stays anonymous.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String secret = secret(context);
        if (secret == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiTokenRequest(secret), context));
    }

    static String secret(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return apiToken(header.substring(BEARER.length()).strip());
        }
        if (context.request().path().startsWith("/ws/")) {
            return apiToken(context.request().getParam("token"));
        }
        return null;
    }

    /** The value when it is an API token; null when it is empty or a JWT (three dot-separated parts), for OIDC. */
    static String apiToken(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.chars().filter(c -> c == '.').count() == 2 ? null : value;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"vigil\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }
}
