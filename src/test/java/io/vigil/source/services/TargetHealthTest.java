package io.vigil.source.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vigil.source.services.TargetHealth.State;

/** UP and DOWN with hysteresis: N failures in a row to go DOWN, M successes in a row to come back. */
class TargetHealthTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final TargetHealth health = new TargetHealth(3, 2, T0);

    private TargetHealth.Change at(int second, boolean ok) {
        return health.record(ok, T0.plusSeconds(second));
    }

    @Test
    void aNewTargetIsUnknownUntilItsFirstSuccessOrEnoughFailures() {
        assertThat(health.state()).isEqualTo(State.UNKNOWN);
        assertThat(at(1, false)).isNull();
        assertThat(at(2, false)).isNull();
        assertThat(at(3, false)).isEqualTo(new TargetHealth.Change(State.UNKNOWN, State.DOWN, T0.plusSeconds(3)));
        assertThat(new TargetHealth(3, 2, T0).record(true, T0)).extracting(TargetHealth.Change::current).isEqualTo(State.UP);
    }

    @Test
    void oneOrTwoFailuresNeverTakeAnUpTargetDown() {
        at(0, true);
        at(1, false);
        at(2, false);
        at(3, true);
        at(4, false);
        assertThat(at(5, false)).isNull();
        assertThat(health.state()).isEqualTo(State.UP);
        assertThat(health.consecutiveFailures()).isEqualTo(2);
        assertThat(at(6, false)).isEqualTo(new TargetHealth.Change(State.UP, State.DOWN, T0.plusSeconds(6)));
        assertThat(health.since()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void aDownTargetNeedsTwoSuccessesInARowToComeBack() {
        at(0, false);
        at(1, false);
        at(2, false);
        assertThat(at(3, true)).isNull();
        assertThat(at(4, false)).isNull();
        assertThat(at(5, true)).isNull();
        assertThat(health.state()).isEqualTo(State.DOWN);
        assertThat(at(6, true)).isEqualTo(new TargetHealth.Change(State.DOWN, State.UP, T0.plusSeconds(6)));
        assertThat(health.consecutiveSuccesses()).isEqualTo(2);
    }
}
