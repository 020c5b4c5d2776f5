package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PipelineStatsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aResultWithAnAbsurdLatencyIsCountedInTotalsAndWindowAlike() {
        PipelineStats stats = new PipelineStats(Duration.ofMinutes(5), 30, NOW.minusSeconds(60));
        stats.record(new PipelineResult("face", "r-1", true, Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), null, null), NOW);
        stats.record(new PipelineResult("face", "r-2", true, NOW.minusMillis(200), NOW, null, null), NOW);

        PipelineStats.PipelineFigures figures = stats.read(NOW);
        assertThat(figures.count()).isEqualTo(2);
        assertThat(figures.window().count()).isEqualTo(2);
        assertThat(figures.latencySeconds().max()).isGreaterThanOrEqualTo(3600 * 0.99);
    }
}
