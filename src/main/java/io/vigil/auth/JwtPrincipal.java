package io.vigil.auth;

import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a verified JWT, named by its {@code preferred_username} (what people recognise), else its {@code sub}.
 * smallrye-jwt would prefer {@code upn}, which Entra ID fills with an e-mail-like name that need not match the one the
 * lab knows. Still a {@link JsonWebToken}, so the token's claims stay at hand.
 */
final class JwtPrincipal implements JsonWebToken {

    private final JsonWebToken token;
    private final String name;

    private JwtPrincipal(JsonWebToken token, String name) {
        this.token = token;
        this.name = name;
    }

    static JwtPrincipal of(JsonWebToken token) {
        Object preferred = token.getClaim(Claims.preferred_username.name());
        if (preferred != null && !preferred.toString().isBlank()) {
            return new JwtPrincipal(token, preferred.toString());
        }
        // smallrye-jwt accepts a token named by upn alone; it keeps that name then.
        return new JwtPrincipal(token, token.getSubject() != null ? token.getSubject() : token.getName());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    public <T> T getClaim(String claimName) {
        return token.getClaim(claimName);
    }

    @Override
    public String toString() {
        return name;
    }
}
