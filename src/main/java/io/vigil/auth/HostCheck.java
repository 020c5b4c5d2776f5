package io.vigil.auth;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;

/**
 * Against DNS rebinding: with {@code vigil.auth.allowed-hosts} set, a request whose {@code Host} is not one of them
 * (or a loopback name) is refused before anything else runs. Probes are exempt: kubelets send the pod's address.
 */
@ApplicationScoped
public class HostCheck {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final Set<String> allowed;

    public HostCheck(AuthConfig config) {
        Set<String> hosts = new HashSet<>(LOOPBACK);
        config.allowedHosts().ifPresent(list -> list.forEach(h -> hosts.add(h.strip().toLowerCase(Locale.ROOT))));
        this.allowed = config.allowedHosts().isPresent() ? Set.copyOf(hosts) : Set.of();
    }

    void install(@Observes Router router) {
        if (allowed.isEmpty()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.request().path();
            HostAndPort authority = ctx.request().authority();
            String host = authority == null ? "" : authority.host().toLowerCase(Locale.ROOT);
            if (allowed.contains(host) || path.startsWith("/q/health") || path.equals("/healthz") || path.equals("/readyz")) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(421).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Misdirected Request\",\"status\":421,"
                            + "\"detail\":\"This Vigil does not answer to that host name (vigil.auth.allowed-hosts)\"}");
        });
    }
}
