package io.vigil.source.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vigil.hub.Sample;

class ClientStatesTest {

    private static final ClientStates.StatusNames NAMES = new ClientStates.StatusNames(Set.of("active", "Online"),
            Set.of("paused"));

    @Test
    void theStatusHashSortsClientsByTheirStatusWhateverTheCase() {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("c3", "active");
        statuses.put("c1", " ACTIVE ");
        statuses.put("c2", "Paused");
        statuses.put("c4", "online");
        statuses.put("c5", "disconnected");
        ClientStates states = ClientStates.from(KeyContent.hash("Clients_status", statuses),
                KeyContent.missing("blocked_clients"), KeyContent.missing("deactivate_clients"), NAMES);

        assertThat(states.active()).containsExactly("c1", "c3", "c4");
        assertThat(states.paused()).containsExactly("c2");
        assertThat(states.other()).containsExactly("c5");
        assertThat(states.blocked()).isEmpty();
        assertThat(states.total()).isEqualTo(5);
        assertThat(states.problems()).isEmpty();
    }

    @Test
    void blockedAndDeactivatedAreReadFromASetOrAList() {
        ClientStates states = ClientStates.from(KeyContent.missing("Clients_status"),
                KeyContent.set("blocked_clients", Set.of("b2", "b1")),
                KeyContent.list("deactivate_clients", List.of("d1", "d2", "d1")), NAMES);

        assertThat(states.blocked()).containsExactly("b1", "b2");
        // a list may name a client twice; it is one client
        assertThat(states.deactivated()).containsExactly("d1", "d2");
        assertThat(states.keys()).extracting(WatchedKey::type).containsExactly("none", "set", "list");
        assertThat(states.keys()).extracting(WatchedKey::size).containsExactly(0, 2, 3);
        assertThat(states.total()).isEqualTo(4);
    }

    @Test
    void aKeyReadEmptyWasDeletedMeanwhileAndIsMissing() {
        // Redis keeps no empty aggregates: TYPE said list, then the key went away before LRANGE.
        ClientStates states = ClientStates.from(KeyContent.hash("Clients_status", Map.of()),
                KeyContent.set("blocked_clients", Set.of()), KeyContent.list("deactivate_clients", List.of()), NAMES);
        assertThat(states.keys()).extracting(WatchedKey::type).containsExactly("none", "none", "none");
        assertThat(states.problems()).isEmpty();
    }

    @Test
    void aClientInSeveralKeysCountsInEachAndOnceInTheTotal() {
        ClientStates states = ClientStates.from(KeyContent.hash("Clients_status", Map.of("c1", "active")),
                KeyContent.set("blocked_clients", Set.of("c1")), KeyContent.set("deactivate_clients", Set.of("c1")),
                NAMES);
        assertThat(states.active()).containsExactly("c1");
        assertThat(states.blocked()).containsExactly("c1");
        assertThat(states.deactivated()).containsExactly("c1");
        assertThat(states.total()).isEqualTo(1);
    }

    @Test
    void aKeyOfAnUnexpectedTypeIsReportedAndReadAsEmpty() {
        ClientStates states = ClientStates.from(KeyContent.ofType("Clients_status", "string"),
                KeyContent.ofType("blocked_clients", "hash"), KeyContent.set("deactivate_clients", Set.of("d1")), NAMES);

        assertThat(states.active()).isEmpty();
        assertThat(states.blocked()).isEmpty();
        assertThat(states.deactivated()).containsExactly("d1");
        assertThat(states.problems()).containsExactly(
                "Clients_status is a string, expected a hash; read as empty",
                "blocked_clients is a hash, expected a set or list; read as empty");
        WatchedKey status = states.keys().get(0);
        assertThat(status.holds()).isEqualTo("status");
        assertThat(status.type()).isEqualTo("string");
        assertThat(status.expected()).isEqualTo("hash");
        assertThat(states.keys().get(2).problem()).isNull();
    }

    @Test
    void theSameContentIsTheSameStateSoNothingIsReported() {
        ClientStates a = ClientStates.from(KeyContent.hash("s", Map.of("c1", "active", "c2", "paused")),
                KeyContent.set("b", Set.of("c2")), KeyContent.list("d", List.of()), NAMES);
        ClientStates b = ClientStates.from(KeyContent.hash("s", Map.of("c2", "PAUSED", "c1", "active")),
                KeyContent.set("b", Set.of("c2")), KeyContent.list("d", List.of()), NAMES);
        ClientStates c = ClientStates.from(KeyContent.hash("s", Map.of("c1", "paused", "c2", "paused")),
                KeyContent.set("b", Set.of("c2")), KeyContent.list("d", List.of()), NAMES);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void theSnapshotListsAtMostTheConfiguredIdsButCountsAll() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            statuses.put("c" + i, "active");
        }
        ClientStates states = ClientStates.from(KeyContent.hash("s", statuses), KeyContent.missing("b"),
                KeyContent.missing("d"), NAMES);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ClientStateSnapshot snapshot = states.snapshot(3, ChangeDetection.notifications("AKE", false),
                ReadTrigger.CONNECT, now);

        assertThat(snapshot.active().count()).isEqualTo(5);
        assertThat(snapshot.active().ids()).containsExactly("c1", "c2", "c3");
        assertThat(snapshot.active().truncated()).isTrue();
        assertThat(snapshot.paused().truncated()).isFalse();
        assertThat(snapshot.total()).isEqualTo(5);
        assertThat(snapshot.trigger()).isEqualTo(ReadTrigger.CONNECT);
    }

    @Test
    void samplesCountEachGroup() {
        ClientStates states = ClientStates.from(KeyContent.hash("s", Map.of("c1", "active", "c2", "paused", "c3", "gone")),
                KeyContent.set("b", Set.of("c2", "x")), KeyContent.set("d", Set.of("c3")), NAMES);
        Instant now = Instant.now();
        assertThat(states.samples(now)).extracting(Sample::series, Sample::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("clients.active", 1.0),
                org.assertj.core.groups.Tuple.tuple("clients.paused", 1.0),
                org.assertj.core.groups.Tuple.tuple("clients.blocked", 2.0),
                org.assertj.core.groups.Tuple.tuple("clients.deactivated", 1.0),
                org.assertj.core.groups.Tuple.tuple("clients.other", 1.0),
                org.assertj.core.groups.Tuple.tuple("clients.total", 4.0));
    }
}
