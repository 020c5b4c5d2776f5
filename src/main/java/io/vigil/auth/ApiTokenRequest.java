package io.vigil.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Vigil API token presented by a client, to be checked by {@link ApiTokenIdentityProvider}. */
public final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String secret;

    public ApiTokenRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
