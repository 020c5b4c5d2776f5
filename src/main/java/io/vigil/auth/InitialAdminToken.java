package io.vigil.auth;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vigil.store.SchemaReady;

/**
 * The first way in. A token given in {@code vigil.auth.initial-admin-token} is accepted as an admin (stored once, by
 * its hash). Otherwise, when Vigil has no token at all, it makes an admin token and prints it this once, with a
 * sign-in link for the dashboard; it is never shown again (revoke it once you have made your own).
 */
@ApplicationScoped
public class InitialAdminToken {

    private static final Logger LOG = Logger.getLogger(InitialAdminToken.class);
    static final String NAME = "initial-admin";
    static final int MIN_LENGTH = 20;

    private final TokenStore tokens;
    private final AuthConfig config;
    private final String externalUrl;

    public InitialAdminToken(TokenStore tokens, AuthConfig config,
            @ConfigProperty(name = "vigil.notify.external-url") String externalUrl) {
        this.tokens = tokens;
        this.config = config;
        this.externalUrl = externalUrl;
    }

    /** Before the database is touched (the migration observes at 500): a bad token stops Vigil at once. */
    void check(@Observes @Priority(400) StartupEvent event) {
        if (configured().isPresent()) {
            String secret = configured().get();
            if (secret.length() < MIN_LENGTH) {
                throw new IllegalStateException("vigil.auth.initial-admin-token must be at least " + MIN_LENGTH
                        + " characters long; make one with: openssl rand -hex 24");
            }
            if (secret.contains("CHANGE-ME")) {
                throw new IllegalStateException("vigil.auth.initial-admin-token is still the placeholder of k8s/secret.yaml; "
                        + "set a secret of your own: openssl rand -hex 24");
            }
        }
    }

    // Before the store probe (priority 700), so that Vigil is not ready before the first admin can get in.
    void ensure(@Observes @Priority(600) SchemaReady ready) {
        if (configured().isPresent()) {
            String secret = configured().get();
            if (tokens.bySecret(secret).isEmpty()) {
                tokens.store(NAME, Role.ADMIN, null, "configuration", secret);
                LOG.info("The admin token from vigil.auth.initial-admin-token is stored (by its hash)");
            }
            return;
        }
        if (!tokens.any()) {
            String secret = tokens.create(NAME, Role.ADMIN, null, "first start").secret();
            String url = externalUrl.replaceAll("/+$", "");
            // Shown once, on purpose: this is how the first admin gets in (as Grafana's first admin password).
            LOG.infof("%n%n  Vigil made its first admin token; it is shown this once:%n%n    %s%n%n"
                    + "  Sign in to the dashboard: %s/#token=%s%n"
                    + "  API: curl -H 'Authorization: Bearer %s' %s/api/v1/status%n%n", secret, url, secret, secret, url);
        }
    }

    private Optional<String> configured() {
        return config.initialAdminToken().map(String::strip);
    }
}
