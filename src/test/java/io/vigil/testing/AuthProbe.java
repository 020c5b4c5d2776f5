package io.vigil.testing;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * A test-only route that shows what a client sends: the last bearer token on the REST API and the last {@code token}
 * query parameter on the WebSocket. Requests pass on untouched; Vigil checks them. {@link #REFUSED_TOKEN} is a token
 * Vigil does not know.
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
