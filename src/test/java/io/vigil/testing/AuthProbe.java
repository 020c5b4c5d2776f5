package io.vigil.testing;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Until Vigil checks tokens itself, this test-only route shows what a client sends: the last bearer token on the
 * REST API and the last {@code token} query parameter on the WebSocket. It refuses {@link #REFUSED_TOKEN} with 401,
 * as a server would an expired token, so the dashboard's message for it can be tested. Other requests pass untouched.
 */
@ApplicationScoped
public class AuthProbe {

    public static final String REFUSED_TOKEN = "expired-token";
    private static final AtomicReference<String> LAST_AUTHORIZATION = new AtomicReference<>();
    private static final AtomicReference<String> LAST_SOCKET_TOKEN = new AtomicReference<>();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String path = ctx.request().path();
            if (path.startsWith("/api/")) {
                String authorization = ctx.request().getHeader("Authorization");
                LAST_AUTHORIZATION.set(authorization);
                if (("Bearer " + REFUSED_TOKEN).equals(authorization)) {
                    ctx.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                            .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                            .end("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The token has expired.\"}");
                    return;
                }
            } else if (path.startsWith("/ws/")) {
                LAST_SOCKET_TOKEN.set(ctx.request().getParam("token"));
            }
            ctx.next();
        });
    }

    public static String lastAuthorization() {
        return LAST_AUTHORIZATION.get();
    }

    public static String lastSocketToken() {
        return LAST_SOCKET_TOKEN.get();
    }
}
