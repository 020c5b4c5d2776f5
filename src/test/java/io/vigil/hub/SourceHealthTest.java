package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Which source states keep Vigil from being ready. */
class SourceHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRequiredSourceStillConnectingDoesNotHoldUpReadiness() {
        assertThat(SourceHealth.starting("experiments", false, NOW).blocksReadiness()).isFalse();
    }

    @Test
    void aRequiredSourceThatFailedMakesVigilUnready() {
        SourceHealth down = SourceHealth.starting("experiments", false, NOW).failed("connection refused", NOW);
        assertThat(down.blocksReadiness()).isTrue();
    }

    @Test
    void anOptionalSourceNeverDoes() {
        SourceHealth down = SourceHealth.starting("pipelines", true, NOW).failed("connection refused", NOW);
        assertThat(down.blocksReadiness()).isFalse();
    }

    @Test
    void aRequiredSourceReadingAgainIsReadyAgain() {
        SourceHealth back = SourceHealth.starting("experiments", false, NOW).failed("connection refused", NOW)
                .succeeded(SourceStatus.UP, null, NOW.plusSeconds(5));
        assertThat(back.blocksReadiness()).isFalse();
    }
}
