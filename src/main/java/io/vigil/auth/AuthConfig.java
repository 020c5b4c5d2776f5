package io.vigil.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may do what: API tokens, the first admin token, the roles of JWTs from the lab's identity provider, the
 * WebSocket's allowed origins and the allowed Host names.
 */
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

    /** JWT access tokens from the lab's identity provider (verified by smallrye-jwt: mp.jwt.verify.*). */
    Jwt jwt();

    interface Jwt {

        /**
         * The provider's role or group names (as they appear in the claim {@code smallrye.jwt.path.groups} names) that
         * make a Vigil role. A claimed name equal to a Vigil role (viewer, operator, admin) needs no entry.
         */
        RoleNames roles();
    }

    interface RoleNames {

        /** Provider names that make an admin, e.g. {@code lab-admins}. */
        Optional<List<String>> admin();

        /** Provider names that make an operator. */
        Optional<List<String>> operator();

        /** Provider names that make a viewer. */
        Optional<List<String>> viewer();
    }
}
