package io.vigil.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes an identity from a verified JWT a Vigil caller, as {@link ApiTokenIdentityProvider} does for API tokens: named
 * by {@code preferred_username} (else {@code sub}); holding its claimed provider roles, the Vigil role they map to
 * and every lesser one (an admin is also an operator and a viewer); and expiring with the token, so that an open
 * WebSocket is closed then (smallrye-jwt does not set that attribute).
 * <p>
 * Quarkus' {@code quarkus.http.auth.roles-mapping} is applied after augmentors, so a role it adds would lack the
 * lesser ones: Vigil maps provider names itself ({@code vigil.auth.jwt.roles.*}).
 */
@ApplicationScoped
public class JwtIdentityAugmentor implements SecurityIdentityAugmentor {

    private final ProviderRoles roles;

    public JwtIdentityAugmentor(AuthConfig config) {
        this.roles = ProviderRoles.from(config.jwt().roles());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder caller = QuarkusSecurityIdentity.builder(identity)
                .setPrincipal(JwtPrincipal.of(token));
        Role role = roles.highest(identity.getRoles());
        if (role != null) {
            caller.addRoles(role.grants());
        }
        if (token.claim(Claims.exp.name()).orElse(null) instanceof Number exp) {
            caller.addAttribute(ApiTokenIdentityProvider.EXPIRE_TIME, exp.longValue());
        }
        return Uni.createFrom().item(caller.build());
    }
}
