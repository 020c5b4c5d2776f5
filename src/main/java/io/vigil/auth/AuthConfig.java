package io.vigil.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may do what: API tokens, the first admin token, the WebSocket's allowed origins and the allowed Host names. */
@ConfigMapping(prefix = "vigil.auth")
public interface AuthConfig {

    /**
     * An admin token to accept (at least 20 characters), e.g. from a Kubernetes Secret. Without it, Vigil makes one at
     * its first start, when it has no token at all, and prints it once.
     */
    Optional<String> initialAdminToken();

    /** How long a token that was just checked is trusted without reading the database again. */
    @WithDefault("10s")
    Duration cacheFor();

    /**
     * Origins a browser may open {@code /ws/metrics} from, e.g. {@code https://vigil.lab.example}. The page's own origin
     * (same scheme, host and port as the request) is always allowed; {@code *} allows any.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Host names (without port) Vigil answers to, against DNS rebinding; empty: any. {@code localhost} and the
     * loopback addresses are always allowed.
     */
    Optional<List<String>> allowedHosts();
}
