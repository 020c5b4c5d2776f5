package io.vigil.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;

/** Seen in the benchmark's logs: a Vigil stopped right after it was ready logged an error and exited with 1. */
class StartInBackgroundTest {

    private final StartInBackground start = new StartInBackground(null, () -> true);

    @Test
    void aFailedStartStopsVigil() {
        assertThat(start.failureStops(new IllegalStateException("the rules file does not parse"))).isTrue();
    }

    @Test
    void aStartCutShortByAStopIsNoFailure() {
        start.stopping(new ShutdownEvent());

        assertThat(start.failureStops(new NullPointerException("context propagation is gone"))).isFalse();
    }
}
