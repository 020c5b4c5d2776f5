package io.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProviderRolesTest {

    private final ProviderRoles roles = new ProviderRoles(Map.of("lab-admins", Role.ADMIN, "/shift/leads", Role.OPERATOR));

    @Test
    void aMappedNameGivesItsRole() {
        assertThat(roles.highest(List.of("offline_access", "lab-admins"))).isEqualTo(Role.ADMIN);
        assertThat(roles.highest(List.of("/shift/leads"))).isEqualTo(Role.OPERATOR);
    }

    @Test
    void theHighestOfMappedAndVigilNamesWins() {
        assertThat(roles.highest(List.of("/shift/leads", "Viewer"))).isEqualTo(Role.OPERATOR);
        assertThat(roles.highest(List.of("/shift/leads", "ADMIN"))).isEqualTo(Role.ADMIN);
    }

    @Test
    void providerNamesMatchExactly() {
        assertThat(roles.highest(List.of("Lab-Admins", "lab-admins "))).isNull();
        assertThat(roles.highest(Set.of())).isNull();
    }

    @Test
    void aNameListedForTwoRolesGivesTheHigher() {
        AuthConfig.RoleNames names = new AuthConfig.RoleNames() {

            @Override
            public java.util.Optional<List<String>> admin() {
                return java.util.Optional.of(List.of("staff"));
            }

            @Override
            public java.util.Optional<List<String>> operator() {
                return java.util.Optional.of(List.of(" staff ", "ops"));
            }

            @Override
            public java.util.Optional<List<String>> viewer() {
                return java.util.Optional.empty();
            }
        };
        ProviderRoles fromConfig = ProviderRoles.from(names);
        assertThat(fromConfig.highest(List.of("staff"))).isEqualTo(Role.ADMIN);
        assertThat(fromConfig.highest(List.of("ops"))).isEqualTo(Role.OPERATOR);
    }
}
