package io.vigil.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.auth.ApiTokenIdentityProvider;
import io.vigil.log.LogSafe;

/**
 * Records every change asked of the API (POST, PUT, PATCH, DELETE under {@code /api/}) once its answer has gone out,
 * made or refused, in the database and in the log (category {@code io.vigil.audit}, INFO).
 *
 * <p>
 * A Vert.x route ahead of all others, not a JAX-RS filter: the end of the response is the one place that sees every
 * answer with its final status, including those sent before or outside JAX-RS (a refused {@code Host}, a body too
 * large) and those the security checks make. The remote address is the one Vert.x reports, so
 * {@code X-Forwarded-For} counts only where {@code quarkus.http.proxy.proxy-address-forwarding} trusts it.
 *
 * <p>
 * Recording never holds up or fails a request: the identity is settled and the record written after the answer, on a
 * worker thread, and a failed write is logged.
 */
@ApplicationScoped
public class AuditTrail {

    /** The audit lines' own category, so they can be routed to a file of their own. */
    private static final Logger AUDIT = Logger.getLogger("io.vigil.audit");
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** What the request said, read while the routing context is still live. */
    private record Request(Instant at, String method, String path, int status, String remote, boolean sentCredentials) {
    }

    private final AuditStore store;

    public AuditTrail(AuditStore store) {
        this.store = store;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (CHANGES.contains(ctx.request().method().name()) && ctx.normalizedPath().startsWith("/api/")) {
                ctx.addEndHandler(sent -> record(ctx));
            }
            ctx.next();
        });
    }

    private void record(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        Request request = new Request(Instant.now(), ctx.request().method().name(), ctx.normalizedPath(),
                ctx.response().getStatusCode(), remote == null ? null : remote.hostAddress(),
                ctx.request().getHeader("Authorization") != null);
        identity(ctx)
                .map(identity -> event(request, identity))
                .invoke(AuditTrail::log)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(store::insert)
                .subscribe().with(written -> {
                }, failure -> LOG.warnf("Audit record of %s %s (%d) not written: %s", request.method(),
                        LogSafe.escape(request.path()), request.status(), LogSafe.escape(failure.getMessage())));
    }

    /**
     * Who asked. Where nothing on the way checked (a body refused before the endpoint ran), the identity Quarkus defers
     * is settled now; credentials it refuses leave the caller anonymous.
     */
    @SuppressWarnings("unchecked")
    private static Uni<SecurityIdentity> identity(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            return Uni.createFrom().item(user.getSecurityIdentity());
        }
        if (ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY) instanceof Uni<?> deferred) {
            return ((Uni<SecurityIdentity>) deferred).onFailure().recoverWithNull();
        }
        return Uni.createFrom().nullItem();
    }

    private static AuditEvent event(Request request, SecurityIdentity identity) {
        boolean anonymous = identity == null || identity.isAnonymous();
        String auth = anonymous
                ? "anonymous"
                : identity.getAttribute(ApiTokenIdentityProvider.TOKEN_ID) != null ? "token" : "jwt";
        String detail = anonymous && request.sentCredentials() ? "credentials refused" : null;
        return new AuditEvent(UUID.randomUUID().toString(), request.at(),
                anonymous ? "anonymous" : identity.getPrincipal().getName(),
                auth, request.method(), request.path(), request.status(), request.remote(), detail);
    }

    private static void log(AuditEvent e) {
        AUDIT.infof("%s %s -> %d by %s (%s) from %s%s", e.action(), LogSafe.escape(e.target()), e.outcome(),
                LogSafe.escape(e.actor()), e.auth(), LogSafe.escape(e.remote()),
                e.detail() == null ? "" : ": " + e.detail());
    }
}
