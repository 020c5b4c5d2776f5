package io.vigil.source.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyspaceEventsTest {

    @Test
    void keyspaceChannelsWithEveryEventClassThatTouchesTheKeysSuffice() {
        assertThat(KeyspaceEvents.sufficient("AKE")).isTrue();
        assertThat(KeyspaceEvents.sufficient("KA")).isTrue();
        assertThat(KeyspaceEvents.sufficient("Kghslx")).isTrue();
        assertThat(KeyspaceEvents.sufficient("xlshgK$")).isTrue();
    }

    @Test
    void whatLacksIsNamed() {
        assertThat(KeyspaceEvents.missing("")).isEqualTo("K, g, h, s, l, x");
        assertThat(KeyspaceEvents.missing("AE")).isEqualTo("K");
        // keyevent channels (E) are not the keyspace channels Vigil listens on
        assertThat(KeyspaceEvents.sufficient("EA")).isFalse();
        assertThat(KeyspaceEvents.missing("Kh")).isEqualTo("g, s, l, x");
        assertThat(KeyspaceEvents.missing(null)).isEqualTo("K, g, h, s, l, x");
    }

    @Test
    void enablingAddsToWhatIsSetAndKeepsIt() {
        assertThat(KeyspaceEvents.withNeeded("")).isEqualTo("KA");
        assertThat(KeyspaceEvents.withNeeded("Ex")).isEqualTo("ExKA");
        assertThat(KeyspaceEvents.withNeeded("Kh")).isEqualTo("KhA");
        assertThat(KeyspaceEvents.withNeeded("AE")).isEqualTo("AEK");
        assertThat(KeyspaceEvents.withNeeded("AKE")).isEqualTo("AKE");
        assertThat(KeyspaceEvents.sufficient(KeyspaceEvents.withNeeded("Em"))).isTrue();
    }

    @Test
    void channelsAreThoseOfTheSelectedDatabase() {
        assertThat(KeyspaceEvents.channels(5, List.of("Clients_status", "blocked_clients")))
                .containsExactly("__keyspace@5__:Clients_status", "__keyspace@5__:blocked_clients");
    }

    @Test
    void theDatabaseComesFromTheRedisUri() {
        assertThat(KeyspaceEvents.database("redis://localhost:6379/5")).isEqualTo(5);
        assertThat(KeyspaceEvents.database("redis://:secret@redis:6380/12")).isEqualTo(12);
        assertThat(KeyspaceEvents.database("redis://localhost:6379")).isZero();
        assertThat(KeyspaceEvents.database("redis://localhost:6379/")).isZero();
        assertThat(KeyspaceEvents.database("unix:///run/redis.sock?select=3")).isEqualTo(3);
        assertThat(KeyspaceEvents.database(null)).isZero();
        assertThatThrownBy(() -> KeyspaceEvents.database("redis://localhost/five"))
                .hasMessageContaining("'five'").hasMessageContaining("localhost:6379");
    }

    @Test
    void addressesNeverCarryThePassword() {
        assertThat(KeyspaceEvents.address("redis://user:secret@redis:6380/2")).isEqualTo("redis:6380/2");
        assertThat(KeyspaceEvents.address("redis://localhost")).isEqualTo("localhost:6379/0");
        assertThat(KeyspaceEvents.address(null)).isEqualTo("(not configured)");
    }
}
