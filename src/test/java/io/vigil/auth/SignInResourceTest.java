package io.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the dashboard is told about signing in, from vigil.auth.oidc.login.*, without booting Quarkus. */
class SignInResourceTest {

    private static final String AUTH = "https://keycloak.lab.example/realms/lab/protocol/openid-connect/auth";
    private static final String TOKEN = "https://keycloak.lab.example/realms/lab/protocol/openid-connect/token";

    record Login(boolean enabled, String name, Optional<URI> authorizationUrl, Optional<URI> tokenUrl,
            Optional<String> clientId, String scopes) implements OidcLoginConfig {
    }

    private static Login login(boolean enabled, String auth, String token, String clientId, String scopes) {
        return new Login(enabled, "Lab Keycloak", Optional.ofNullable(auth).map(URI::create),
                Optional.ofNullable(token).map(URI::create), Optional.ofNullable(clientId), scopes);
    }

    @Test
    void byDefaultThePageOffersOnlyTheTokenPaste() {
        assertThat(SignInResource.oidc(login(false, null, null, null, "openid"))).isNull();
        assertThat(SignInResource.oidc(login(false, AUTH, TOKEN, "vigil-dashboard", "openid"))).as("switched off").isNull();
    }

    @Test
    void anEnabledLoginTellsThePageItsEndpointsClientAndScopes() {
        SignInResource.Oidc oidc = SignInResource.oidc(login(true, AUTH, TOKEN, "vigil-dashboard",
                " openid,profile  api://vigil/access "));
        assertThat(oidc).isEqualTo(new SignInResource.Oidc("Lab Keycloak", URI.create(AUTH), URI.create(TOKEN),
                "vigil-dashboard", "openid profile api://vigil/access"));
    }

    @Test
    void anEnabledLoginWithoutWhatItNeedsStopsTheStartNamingTheKeys() {
        assertThatThrownBy(() -> SignInResource.oidc(login(true, null, "/relative/token", " ", "openid")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.auth.oidc.login.authorization-url")
                .hasMessageContaining("vigil.auth.oidc.login.token-url")
                .hasMessageContaining("vigil.auth.oidc.login.client-id");
    }
}
