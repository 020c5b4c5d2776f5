package io.vigil.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.StartupEvent;

/**
 * How the dashboard may sign people in, asked before anyone has a token: the token paste always, and the OpenID
 * provider's login when {@code vigil.auth.oidc.login.enabled} is set. A configuration that names the login but lacks
 * what it needs stops Vigil at start, rather than offering a button that cannot work.
 */
@Path("/api/v1/auth/config")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SignInResource {

    /** What the page needs for the authorization code flow with PKCE; {@code scopes} separated by spaces. */
    public record Oidc(String name, URI authorizationUrl, URI tokenUrl, String clientId, String scopes) {
    }

    /** @param oidc null when the page offers only the token paste */
    public record Options(Oidc oidc) {
    }

    private final Options options;

    public SignInResource(OidcLoginConfig config) {
        this.options = new Options(oidc(config));
    }

    static Oidc oidc(OidcLoginConfig config) {
        if (!config.enabled()) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        URI authorization = absolute(config.authorizationUrl(), "authorization-url", missing);
        URI token = absolute(config.tokenUrl(), "token-url", missing);
        String clientId = config.clientId().filter(id -> !id.isBlank()).orElse(null);
        if (clientId == null) {
            missing.add("vigil.auth.oidc.login.client-id");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("vigil.auth.oidc.login.enabled=true needs " + String.join(", ", missing)
                    + " (absolute http or https URLs and the public client's id)");
        }
        String scopes = String.join(" ", Arrays.stream(config.scopes().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
        return new Oidc(config.name(), authorization, token, clientId, scopes);
    }

    private static URI absolute(Optional<URI> url, String key, List<String> missing) {
        URI value = url.orElse(null);
        if (value == null || value.getHost() == null
                || !("https".equalsIgnoreCase(value.getScheme()) || "http".equalsIgnoreCase(value.getScheme()))) {
            missing.add("vigil.auth.oidc.login." + key);
            return null;
        }
        return value;
    }

    /** Builds the options at start, so that a broken configuration is found then. */
    void checkAtStart(@Observes StartupEvent start) {
        // the constructor has checked
    }

    @GET
    public Options get() {
        return options;
    }
}
