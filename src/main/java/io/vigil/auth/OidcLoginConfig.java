package io.vigil.auth;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The dashboard's "Sign in with ..." through the lab's OpenID provider: the page is a public client (no secret) that
 * uses the authorization code flow with PKCE and exchanges the code itself; the access token it gets is then checked
 * like any other JWT (mp.jwt.verify.*). Nothing here is secret: the page reads all of it.
 */
@ConfigMapping(prefix = "vigil.auth.oidc.login")
public interface OidcLoginConfig {

    /** Whether the page offers the sign-in; then authorization-url, token-url and client-id are required. */
    @WithDefault("false")
    boolean enabled();

    /** The provider as people know it, on the button: "Sign in with Lab Keycloak". */
    @WithDefault("SSO")
    String name();

    /** The provider's authorization endpoint, e.g. {@code https://keycloak.lab.example/realms/lab/protocol/openid-connect/auth}. */
    Optional<URI> authorizationUrl();

    /** The provider's token endpoint; the browser posts the code there, so it must allow Vigil's origin (CORS). */
    Optional<URI> tokenUrl();

    /** The public client's id in the provider, e.g. {@code vigil-dashboard}. */
    Optional<String> clientId();

    /**
     * The scopes asked for, separated by spaces or commas. {@code openid} brings the ID token whose nonce the page
     * checks; Entra ID also needs the scope of Vigil's API (e.g. {@code api://<client-id>/access}) to issue an access
     * token for Vigil rather than for Microsoft Graph.
     */
    @WithDefault("openid profile")
    String scopes();
}
