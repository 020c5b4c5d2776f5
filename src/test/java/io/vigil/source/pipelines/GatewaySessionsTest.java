package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vigil.source.pipelines.GatewayEvent.Kind;

class GatewaySessionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final GatewaySessions sessions = new GatewaySessions(Duration.ofSeconds(30), 3, 2);

    @Test
    void clientsComeAndGo() {
        sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-2", T0), T0);
        sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-1", T0), T0);
        sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-1", T0), T0);
        sessions.accept(new GatewayEvent("gw-2", Kind.CONNECT, "c-3", T0), T0);
        sessions.accept(new GatewayEvent("gw-1", Kind.DISCONNECT, "c-2", T0), T0);
        sessions.accept(new GatewayEvent("gw-1", Kind.DISCONNECT, "never-connected", T0), T0);

        List<GatewayView> gateways = sessions.read(T0).gateways();
        assertThat(gateways).extracting(GatewayView::gatewayId).containsExactly("gw-1", "gw-2");
        assertThat(gateways.get(0).clientIds()).containsExactly("c-1");
        assertThat(gateways.get(1).clients()).isEqualTo(1);
    }

    @Test
    void aGatewayWithoutHeartbeatsForTheTimeoutIsStaleUntilItBeatsAgain() {
        Instant beat = T0.plusSeconds(5);
        // The gateway's own clock is an hour behind: staleness goes by when Vigil received the heartbeat.
        sessions.accept(new GatewayEvent("gw-1", Kind.HEARTBEAT, null, beat.minus(Duration.ofHours(1))), beat);

        GatewaySessions.Reading fresh = sessions.read(beat.plusSeconds(30));
        assertThat(fresh.gateways().get(0).stale()).isFalse();
        assertThat(fresh.gateways().get(0).heartbeatAgeSeconds()).isEqualTo(30.0);
        assertThat(fresh.gateways().get(0).lastHeartbeat()).isEqualTo(beat.minus(Duration.ofHours(1)));
        assertThat(fresh.changes()).isEmpty();

        GatewaySessions.Reading stale = sessions.read(beat.plusSeconds(31));
        assertThat(stale.gateways().get(0).stale()).isTrue();
        assertThat(stale.changes()).containsExactly(new GatewaySessions.Change("gw-1", true, beat.minus(Duration.ofHours(1))));
        assertThat(sessions.read(beat.plusSeconds(40)).changes()).as("a change is reported once").isEmpty();

        // Client events are no heartbeat.
        sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-1", beat.plusSeconds(41)), beat.plusSeconds(41));
        assertThat(sessions.read(beat.plusSeconds(42)).gateways().get(0).stale()).isTrue();

        sessions.accept(new GatewayEvent("gw-1", Kind.HEARTBEAT, null, beat.plusSeconds(50)), beat.plusSeconds(50));
        GatewaySessions.Reading live = sessions.read(beat.plusSeconds(51));
        assertThat(live.gateways().get(0).stale()).isFalse();
        assertThat(live.changes()).extracting(GatewaySessions.Change::stale).containsExactly(false);
    }

    @Test
    void aGatewayThatNeverBeatIsStaleOnceTheTimeoutPassedSinceItWasFirstSeen() {
        sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-1", T0), T0);
        assertThat(sessions.read(T0.plusSeconds(30)).gateways().get(0).stale()).isFalse();
        GatewayView later = sessions.read(T0.plusSeconds(31)).gateways().get(0);
        assertThat(later.stale()).isTrue();
        assertThat(later.heartbeatAgeSeconds()).isNull();
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 5; i++) {
            sessions.accept(new GatewayEvent("gw-1", Kind.CONNECT, "c-" + i, T0), T0);
        }
        for (int g = 2; g <= 4; g++) {
            sessions.accept(new GatewayEvent("gw-" + g, Kind.HEARTBEAT, null, T0), T0.plusSeconds(g));
        }
        List<GatewayView> gateways = sessions.read(T0.plusSeconds(5)).gateways();
        // At most 3 gateways: gw-1, heard from least recently, was forgotten.
        assertThat(gateways).extracting(GatewayView::gatewayId).containsExactly("gw-2", "gw-3", "gw-4");

        sessions.accept(new GatewayEvent("gw-2", Kind.CONNECT, "a", T0), T0);
        sessions.accept(new GatewayEvent("gw-2", Kind.CONNECT, "b", T0), T0);
        sessions.accept(new GatewayEvent("gw-2", Kind.CONNECT, "c", T0), T0);
        assertThat(sessions.read(T0.plusSeconds(6)).gateways().get(0).clients()).isEqualTo(2);
    }
}
