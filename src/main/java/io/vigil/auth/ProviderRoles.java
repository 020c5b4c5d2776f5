package io.vigil.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Vigil role the role or group names claimed in a JWT give: the highest among the names mapped in
 * {@code vigil.auth.jwt.roles.*} and the names that are Vigil roles already. Provider names match exactly (Keycloak's
 * and Entra's names are case-sensitive); Vigil's own names in any case, as {@link Role#highest} reads them.
 */
record ProviderRoles(Map<String, Role> mapped) {

    ProviderRoles {
        mapped = Map.copyOf(mapped);
    }

    static ProviderRoles from(AuthConfig.RoleNames names) {
        Map<String, Role> mapped = new HashMap<>();
        // Lowest first, so that a name listed for two roles gives the higher one.
        put(mapped, names.viewer(), Role.VIEWER);
        put(mapped, names.operator(), Role.OPERATOR);
        put(mapped, names.admin(), Role.ADMIN);
        return new ProviderRoles(mapped);
    }

    private static void put(Map<String, Role> mapped, Optional<List<String>> names, Role role) {
        names.ifPresent(list -> list.stream().map(String::strip).filter(n -> !n.isEmpty())
                .forEach(n -> mapped.put(n, role)));
    }

    /** The highest role the claimed names give; null when they give none. */
    Role highest(Iterable<String> claimed) {
        List<String> names = new ArrayList<>();
        for (String name : claimed) {
            names.add(name);
            Role role = mapped.get(name);
            if (role != null) {
                names.add(role.label());
            }
        }
        return Role.highest(names);
    }
}
