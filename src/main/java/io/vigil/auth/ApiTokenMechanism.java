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
 * from {@code ?token=} (browsers cannot set headers there). A JWT is left to the JWT mechanisms
 * ({@link SocketJwtMechanism} and smallrye-jwt's); no token at all stays anonymous.
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

    /** The value when it is an API token; null when it is empty or a JWT, for the JWT mechanisms. */
    static String apiToken(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return looksLikeJwt(value) ? null : value;
    }

    /** A JWS in compact form has three dot-separated parts; a Vigil API token has no dot. */
    static boolean looksLikeJwt(String value) {
        return value.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * Before smallrye-jwt's mechanism (which has the default priority): it would take any bearer value, an API token
     * too, for a JWT and refuse it, while this one passes JWTs on.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 10;
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
