package io.vigil.source.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Percentiles and error ratio over a sliding window, with time passed in. */
class ResponseTimesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void percentilesAndErrorRatioOverTheWindow() {
        ResponseTimes times = new ResponseTimes(Duration.ofMinutes(5), 10);
        for (int i = 1; i <= 100; i++) {
            times.record(i != 100, Duration.ofMillis(i * 10L), T0.plusSeconds(i));
        }
        times.record(false, null, T0.plusSeconds(101));
        ResponseTimes.Reading r = times.read(T0.plusSeconds(110));
        assertThat(r.samples()).isEqualTo(100);
        assertThat(r.checks()).isEqualTo(101);
        assertThat(r.p50()).isCloseTo(0.5, within(0.01));
        assertThat(r.p95()).isCloseTo(0.95, within(0.01));
        assertThat(r.p99()).isCloseTo(0.99, within(0.01));
        assertThat(r.errorRatio()).isCloseTo(2 / 101.0, within(1e-9));
    }

    @Test
    void checksOlderThanTheWindowAreForgotten() {
        ResponseTimes times = new ResponseTimes(Duration.ofMinutes(5), 10);
        times.record(false, Duration.ofSeconds(3), T0);
        times.record(true, Duration.ofMillis(100), T0.plusSeconds(200));
        assertThat(times.read(T0.plusSeconds(250)).p99()).isCloseTo(3, within(0.05));
        ResponseTimes.Reading later = times.read(T0.plusSeconds(310));
        assertThat(later.checks()).isEqualTo(1);
        assertThat(later.p99()).isCloseTo(0.1, within(0.002));
        assertThat(later.errorRatio()).isZero();
        assertThat(times.read(T0.plusSeconds(600))).isNull();
    }
}
