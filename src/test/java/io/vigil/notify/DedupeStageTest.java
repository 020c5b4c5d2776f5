package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.log.SentRecord;

/** What of a group is due, given what the notification log says was sent. */
class DedupeStageTest {

    private static final Instant AT = Instant.parse("2026-11-27T08:00:00Z");
    private static final GroupKey GROUP = new GroupKey("email", Map.of("alertname", "ExecutionCompleted"));

    @Test
    void aNoticeGoesOutOnceThoughItNeverFired() {
        Alert notice = TestAlerts.resolved(TestAlerts.firing("ExecutionCompleted", "nightly", Severity.INFO, AT), AT);
        assertThat(notice.notice()).isTrue();
        InMemoryLedger ledger = new InMemoryLedger();
        Flush flush = new Flush(GROUP, List.of(notice), 0, true, AT.plusSeconds(30));

        DedupeStage.Plan first = DedupeStage.plan(flush, ledger, Duration.ofHours(4), false);
        assertThat(first.notification()).hasValueSatisfying(n -> {
            assertThat(n.alerts()).containsExactly(notice);
            assertThat(n.dedupeKeys()).containsExactly(DedupeStage.key(notice, "email", SentRecord.RESOLVED));
        });
        ledger.record(first.notification().orElseThrow(), AT.plusSeconds(30));
        assertThat(DedupeStage.plan(flush, ledger, Duration.ofHours(4), false).notification()).isEmpty();
    }

    @Test
    void anAlertThatResolvedBeforeItsFiringWasSentStaysUnsent() {
        Alert firing = TestAlerts.firing("CpuHigh", "lab1", Severity.WARNING, AT);
        Alert resolved = TestAlerts.resolved(firing, AT.plusSeconds(5));
        assertThat(resolved.notice()).isFalse();
        Flush flush = new Flush(GROUP, List.of(resolved), 0, true, AT.plusSeconds(30));
        assertThat(DedupeStage.plan(flush, new InMemoryLedger(), Duration.ofHours(4), false).notification()).isEmpty();
    }
}
