package io.vigil.ws;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vigil.auth.AuthConfig;
import io.vigil.log.LogSafe;

/**
 * Against cross-site WebSocket hijacking: a browser always sends the page's {@code Origin} on the upgrade, and only
 * pages of Vigil's own origin or of {@code vigil.auth.allowed-origins} may open {@code /ws/metrics}. Clients that are
 * not browsers send no Origin; they still need a token.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);

    private final List<String> allowed;

    public OriginCheck(AuthConfig config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream().map(OriginCheck::normalise).toList();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin == null || allowedOrigin(origin, request.scheme(), request.authority() == null
                ? null
                : request.authority().toString())) {
            return CheckResult.permitUpgrade();
        }
        LOG.debugf("WebSocket upgrade refused: origin %s is not allowed", LogSafe.escape(origin));
        return CheckResult.rejectUpgrade(403);
    }

    /** Same origin as the request (scheme and host:port), or listed, or {@code *} listed. */
    boolean allowedOrigin(String origin, String scheme, String authority) {
        String o = normalise(origin);
        if (allowed.contains("*") || allowed.contains(o)) {
            return true;
        }
        return authority != null && o.equalsIgnoreCase(normalise(scheme + "://" + authority));
    }

    /** {@code HTTPS://Lab.Example:443/} and {@code https://lab.example} are one origin. */
    static String normalise(String origin) {
        String text = origin.strip();
        if (text.equals("*")) {
            return text;
        }
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return text.toLowerCase();
        }
    }
}
