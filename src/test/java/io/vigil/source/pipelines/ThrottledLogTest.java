package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vigil.testing.ManualClock;

class ThrottledLogTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog(clock, Duration.ofMinutes(1), "failed", lines::add);

    @Test
    void aLinePerMessageBecomesOneLineAMinuteWithTheCountLeftOut() {
        for (int i = 0; i < 2_600; i++) {
            int n = i;
            log.log(() -> "Accounting message " + n + " failed");
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(lines).hasSize(1).first().asString().startsWith("Accounting message 0 failed");

        clock.advance(Duration.ofMinutes(1));
        log.log(() -> "Accounting message 2600 failed");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("Accounting message 2600 failed", "2599 more failed since the previous report",
                "at most every 60 s");
    }

    @Test
    void aLineLeftOutIsNeverBuilt() {
        log.log(() -> "first");
        log.log(() -> {
            throw new AssertionError("built although left out");
        });
        assertThat(lines).hasSize(1);
    }
}
