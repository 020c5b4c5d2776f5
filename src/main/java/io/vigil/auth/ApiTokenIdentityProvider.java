package io.vigil.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks an API token against the store, on a worker thread. The identity is named after the token, carries its
 * role with the lesser ones, and expires with the token (an open WebSocket is then closed).
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    /** Identity attribute: the token's id, so its WebSockets can be found when it is revoked. */
    public static final String TOKEN_ID = "vigil.token.id";
    /** Identity attribute read by Quarkus' WebSocket support: epoch seconds after which the socket is closed. */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    private final TokenStore tokens;

    public ApiTokenIdentityProvider(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiToken token = tokens.bySecret(request.secret())
                    .filter(t -> t.activeAt(Instant.now()))
                    .orElseThrow(() -> new AuthenticationFailedException("the token is unknown, expired or revoked"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(token.name()))
                    .addRoles(token.role().grants())
                    .addAttribute(TOKEN_ID, token.id());
            if (token.expiresAt() != null) {
                identity.addAttribute(EXPIRE_TIME, token.expiresAt().getEpochSecond());
            }
            return identity.build();
        });
    }
}
