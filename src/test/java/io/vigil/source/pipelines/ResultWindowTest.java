package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The sliding window, driven by explicit instants instead of a clock. */
class ResultWindowTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final ResultWindow window = new ResultWindow(Duration.ofMinutes(5), 30, T0);

    @Test
    void percentilesOfTheResultsInTheWindow() {
        for (int ms = 1; ms <= 1000; ms++) {
            window.record(true, Duration.ofMillis(ms));
        }
        ResultWindow.Reading r = window.read(T0.plusSeconds(1));
        assertThat(r.count()).isEqualTo(1000);
        assertThat(r.latency().samples()).isEqualTo(1000);
        // HdrHistogram with two significant digits: within 1 %.
        assertThat(r.latency().p50()).isCloseTo(0.500, within(0.005));
        assertThat(r.latency().p95()).isCloseTo(0.950, within(0.0095));
        assertThat(r.latency().p99()).isCloseTo(0.990, within(0.0099));
        assertThat(r.latency().max()).isCloseTo(1.000, within(0.010));
    }

    @Test
    void resultsLeaveTheWindowWhenTheyAreOlderThanIt() {
        window.record(true, Duration.ofSeconds(9));
        assertThat(window.read(T0.plusSeconds(5)).latency().max()).isCloseTo(9, within(0.09));

        window.record(true, Duration.ofMillis(100));
        ResultWindow.Reading later = window.read(T0.plusSeconds(200));
        assertThat(later.count()).isEqualTo(2);
        assertThat(later.latency().max()).isCloseTo(9, within(0.09));

        // 5 min after the first result's slice it is gone; the second (recorded at 200 s) stays.
        ResultWindow.Reading after = window.read(T0.plus(Duration.ofMinutes(5)).plusSeconds(15));
        assertThat(after.count()).isEqualTo(1);
        assertThat(after.latency().max()).isCloseTo(0.1, within(0.001));

        ResultWindow.Reading empty = window.read(T0.plus(Duration.ofMinutes(20)));
        assertThat(empty.count()).isZero();
        assertThat(empty.latency()).isNull();
        assertThat(empty.ratePerSecond()).isZero();
        assertThat(empty.errorRatio()).isZero();
    }

    @Test
    void rateIsOverTheTimeCoveredWhileTheWindowFills() {
        for (int i = 0; i < 30; i++) {
            window.record(true, Duration.ofMillis(50));
        }
        ResultWindow.Reading r = window.read(T0.plusSeconds(10));
        assertThat(r.coveredSeconds()).isEqualTo(10.0);
        assertThat(r.ratePerSecond()).isEqualTo(3.0);
    }

    @Test
    void rateIsOverTheWholeWindowOnceItIsFull() {
        Instant later = T0.plus(Duration.ofHours(1));
        for (int i = 0; i < 600; i++) {
            window.record(i % 10 != 0, Duration.ofMillis(50));
        }
        ResultWindow.Reading r = window.read(later);
        // The window holds 29 whole slices of 10 s and the current one, which began at `later`.
        assertThat(r.coveredSeconds()).isEqualTo(290.0);
        assertThat(r.ratePerSecond()).isCloseTo(600 / 290.0, within(1e-9));
        assertThat(r.errors()).isEqualTo(60);
        assertThat(r.errorRatio()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void aLatencyBeyondAnHourIsKeptAsAnHour() {
        window.record(false, Duration.ofDays(3));
        window.record(false, Duration.ofMillis(-20));
        ResultWindow.Reading r = window.read(T0.plusSeconds(1));
        assertThat(r.latency().max()).isCloseTo(3600, within(36.0));
        assertThat(r.errors()).isEqualTo(2);
    }

    @Test
    void statsKeepTotalsWhileTheWindowMoves() {
        PipelineStats stats = new PipelineStats(Duration.ofMinutes(1), 6, T0);
        PipelineResult ok = new PipelineResult("face", "r", true, T0, T0.plusMillis(200), null, null);
        PipelineResult failed = new PipelineResult("face", "r", false, T0, T0.plusMillis(400), null, "no face");
        stats.record(ok, T0.plusSeconds(1));
        stats.record(ok, T0.plusSeconds(1));
        stats.record(failed, T0.plusSeconds(2));
        PipelineStats.PipelineFigures now = stats.read(T0.plusSeconds(3));
        assertThat(now.count()).isEqualTo(3);
        assertThat(now.errors()).isEqualTo(1);
        assertThat(now.errorRatio()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(now.lastResultAt()).isEqualTo(T0.plusSeconds(2));

        PipelineStats.PipelineFigures later = stats.read(T0.plus(Duration.ofMinutes(10)));
        assertThat(later.count()).isEqualTo(3);
        assertThat(later.window().count()).isZero();
        assertThat(later.latencySeconds()).isNull();
    }
}
