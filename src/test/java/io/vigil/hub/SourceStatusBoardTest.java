package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.vigil.testing.ManualClock;

/** A source's status and its changes, with an explicit clock: what consumers are told when a source fails and recovers. */
class SourceStatusBoardTest {

    private static final String REFUSED = "Redis at localhost:6379/0: connection refused";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-11T10:00:00Z"));
    private final List<HubMessage.StatusChange> changes = new CopyOnWriteArrayList<>();
    private final SourceStatusBoard board = new SourceStatusBoard(clock, changes::add);

    private HubMessage.StatusChange lastChange() {
        return changes.get(changes.size() - 1);
    }

    @Test
    void aFailureIsReportedWithItsError() {
        board.register(SourceHealth.starting("clients", true, clock.instant()));
        board.succeeded("clients", SourceStatus.UP, null);
        clock.advance(Duration.ofSeconds(10));
        board.failed("clients", REFUSED);

        assertThat(lastChange().previous()).isEqualTo(SourceStatus.UP);
        assertThat(lastChange().health().status()).isEqualTo(SourceStatus.DOWN);
        assertThat(lastChange().health().lastError()).isEqualTo(REFUSED);
        assertThat(lastChange().health().lastErrorAt()).isEqualTo(clock.instant());
    }

    @Test
    void aRecoveredSourceNoLongerReportsTheErrorItRecoveredFrom() {
        board.register(SourceHealth.starting("clients", true, clock.instant()));
        board.failed("clients", REFUSED);
        clock.advance(Duration.ofSeconds(10));
        board.succeeded("clients", SourceStatus.UP, null);

        HubMessage.StatusChange recovered = lastChange();
        assertThat(recovered.previous()).isEqualTo(SourceStatus.DOWN);
        assertThat(recovered.health().status()).isEqualTo(SourceStatus.UP);
        assertThat(recovered.health().lastError()).isNull();
        assertThat(recovered.health().lastErrorAt()).isNull();
        assertThat(board.get("clients").orElseThrow().lastError()).isNull();
    }

    @Test
    void aSourceThatComesBackDegradedSaysWhyItIsDegradedNotWhyItWasDown() {
        board.register(SourceHealth.starting("pipelines", true, clock.instant()));
        board.failed("pipelines", "RabbitMQ at localhost:5672: connection refused");
        clock.advance(Duration.ofSeconds(10));
        board.succeeded("pipelines", SourceStatus.DEGRADED, "queue orders has no consumer");

        assertThat(lastChange().health().status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(lastChange().health().lastError()).isNull();
        assertThat(lastChange().health().detail()).isEqualTo("queue orders has no consumer");
    }
}
