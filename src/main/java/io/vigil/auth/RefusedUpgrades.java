package io.vigil.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;

/**
 * A WebSocket upgrade with a bad token (unknown, expired, forged) is answered 401 by Quarkus' authentication failure
 * handler; websockets-next then fails the request as well, and the REST layer's exception mapper tries to answer a
 * second time and logs an ERROR with a stack trace. Every browser reconnecting with an expired token would do that,
 * so a failure whose answer has been sent already stops here.
 */
@ApplicationScoped
public class RefusedUpgrades {

    private static final Logger LOG = Logger.getLogger(RefusedUpgrades.class);

    void install(@Observes Router router) {
        router.route("/ws/*").order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (!ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            LOG.debugf("%s answered %d already; dropped: %s", ctx.normalizedPath(), ctx.response().getStatusCode(),
                    ctx.failure());
        });
    }
}
