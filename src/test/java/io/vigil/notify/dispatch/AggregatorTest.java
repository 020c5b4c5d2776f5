package io.vigil.notify.dispatch;

import static io.vigil.notify.TestAlerts.acknowledged;
import static io.vigil.notify.TestAlerts.firing;
import static io.vigil.notify.TestAlerts.pending;
import static io.vigil.notify.TestAlerts.resolved;
import static io.vigil.notify.TestAlerts.silenced;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.DedupeStage;
import io.vigil.notify.FlushResult;
import io.vigil.notify.InMemoryLedger;
import io.vigil.notify.Notification;
import io.vigil.notify.SilenceStage;
import io.vigil.testing.ManualClock;
import io.vigil.testing.ManualTimers;

/** Grouping and dampening with Alertmanager's defaults (30 s, 5 m, 4 h), on a clock the test moves. */
class AggregatorTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Duration REPEAT = Duration.ofHours(4);
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    ManualClock clock = new ManualClock(T0);
    ManualTimers timers = new ManualTimers(clock);
    InMemoryLedger ledger = new InMemoryLedger();
    List<Notification> sent = new ArrayList<>();
    List<Instant> sentAt = new ArrayList<>();
    FlushResult nextResult;
    Aggregator aggregator;

    @BeforeEach
    void setUp() {
        aggregator = aggregator(List.of("alertname"));
    }

    Aggregator aggregator(List<String> groupBy) {
        return new Aggregator(WAIT, INTERVAL, groupBy, clock, timers, flush -> {
            DedupeStage.Plan plan = DedupeStage.plan(SilenceStage.apply(flush), ledger, REPEAT, false);
            if (plan.notification().isEmpty()) {
                return Uni.createFrom().item(FlushResult.NOTHING_DUE);
            }
            if (nextResult == FlushResult.FAILED) {
                nextResult = null;
                return Uni.createFrom().item(FlushResult.FAILED);
            }
            Notification n = plan.notification().get();
            sent.add(n);
            sentAt.add(clock.instant());
            ledger.record(n, clock.instant());
            return Uni.createFrom().item(FlushResult.DELIVERED);
        });
    }

    void advance(Duration d) {
        timers.advance(d);
    }

    @Test
    void aStormOfOneHundredAlertsIsOneMessageAfterGroupWait() {
        for (int i = 0; i < 100; i++) {
            aggregator.add("ops", firing("DiskFull", "host-" + i, Severity.WARNING, clock.instant()));
            clock.advance(Duration.ofMillis(100));
        }
        advance(WAIT.minusSeconds(11));
        assertThat(sent).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alerts()).hasSize(100);
        assertThat(sent.get(0).dedupeKeys()).hasSize(100).allMatch(k -> k.endsWith("|ops|firing"));
        assertThat(sentAt.get(0)).isEqualTo(T0.plus(WAIT));

        advance(Duration.ofHours(3));
        assertThat(sent).as("nothing changed, repeat interval not reached").hasSize(1);
    }

    @Test
    void laterChangesWaitForTheGroupInterval() {
        Alert a = firing("HighCpu", "lab1", Severity.WARNING, T0);
        aggregator.add("ops", a);
        advance(WAIT);
        assertThat(sent).hasSize(1);

        advance(Duration.ofSeconds(10));
        Alert b = firing("HighCpu", "lab2", Severity.CRITICAL, clock.instant());
        aggregator.add("ops", b);
        advance(INTERVAL.minusSeconds(11));
        assertThat(sent).as("not before the group interval").hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(2);
        assertThat(sentAt.get(1)).isEqualTo(T0.plus(WAIT).plus(INTERVAL));
        Notification second = sent.get(1);
        assertThat(second.alerts()).extracting(Alert::id).containsExactly(a.id(), b.id());
        assertThat(second.dedupeKeys()).containsExactly(DedupeStage.key(b, "ops", "firing"));

        aggregator.add("ops", resolved(a, clock.instant()));
        advance(INTERVAL);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).resolved()).extracting(Alert::id).containsExactly(a.id());
        assertThat(sent.get(2).firing()).extracting(Alert::id).containsExactly(b.id());
        assertThat(sent.get(2).dedupeKeys()).containsExactly(DedupeStage.key(a, "ops", "resolved"));
    }

    @Test
    void anUnchangedGroupRepeatsNoMoreOftenThanTheRepeatInterval() {
        aggregator.add("ops", firing("HighCpu", "lab1", Severity.WARNING, T0));
        advance(WAIT);
        advance(REPEAT.minusSeconds(1));
        assertThat(sent).hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(2);
        assertThat(sentAt.get(1)).isEqualTo(sentAt.get(0).plus(REPEAT));
        assertThat(sent.get(1).kinds()).containsExactly("repeat");
        assertThat(sent.get(1).dedupeKeys().get(0)).endsWith("|ops|repeat-1");

        advance(REPEAT);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).dedupeKeys().get(0)).endsWith("|ops|repeat-2");
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(Duration.between(sentAt.get(i - 1), sentAt.get(i))).isGreaterThanOrEqualTo(REPEAT);
        }
    }

    @Test
    void anAcknowledgedAlertIsNotRepeatedButItsResolutionIsSent() {
        Alert a = firing("HighCpu", "lab1", Severity.CRITICAL, T0);
        aggregator.add("ops", a);
        advance(WAIT);
        assertThat(sent).hasSize(1);

        aggregator.add("ops", acknowledged(a, "ana", clock.instant()));
        advance(REPEAT.multipliedBy(3));
        assertThat(sent).as("no repeats after the ack").hasSize(1);

        aggregator.add("ops", resolved(acknowledged(a, "ana", T0), clock.instant()));
        advance(INTERVAL);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).status()).isEqualTo("resolved");
        advance(REPEAT);
        assertThat(sent).hasSize(2);
        assertThat(aggregator.groupCount()).as("a group with nothing left is forgotten").isZero();
    }

    @Test
    void silencedAlertsAreNotSentUntilTheSilenceEnds() {
        Alert a = firing("HighCpu", "lab1", Severity.CRITICAL, T0);
        aggregator.add("ops", silenced(a, "s-1"));
        advance(WAIT.plus(REPEAT));
        assertThat(sent).isEmpty();

        aggregator.add("ops", a);
        advance(INTERVAL);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).kinds()).containsExactly("firing");
    }

    @Test
    void aSilencedResolutionIsNotSent() {
        Alert a = firing("HighCpu", "lab1", Severity.CRITICAL, T0);
        aggregator.add("ops", a);
        advance(WAIT);
        aggregator.add("ops", silenced(resolved(a, clock.instant()), "s-1"));
        advance(INTERVAL.multipliedBy(3));
        assertThat(sent).hasSize(1);
    }

    @Test
    void pendingAlertsAreNeverSent() {
        aggregator.add("ops", pending("HighCpu", "lab1", Severity.CRITICAL, T0));
        advance(WAIT.plus(REPEAT));
        assertThat(sent).isEmpty();
        assertThat(aggregator.groupCount()).isZero();
    }

    @Test
    void anAlertResolvedBeforeItsFirstMessageSendsNothing() {
        Alert a = firing("HighCpu", "lab1", Severity.CRITICAL, T0);
        aggregator.add("ops", a);
        advance(Duration.ofSeconds(5));
        aggregator.add("ops", resolved(a, clock.instant()));
        advance(WAIT.plus(INTERVAL));
        assertThat(sent).isEmpty();
        assertThat(aggregator.groupCount()).isZero();
    }

    @Test
    void groupsFollowTheGroupByLabelsAndTheReceiver() {
        aggregator.add("ops", firing("HighCpu", "lab1", Severity.WARNING, T0));
        aggregator.add("ops", firing("DiskFull", "lab1", Severity.WARNING, T0));
        aggregator.add("lab", firing("DiskFull", "lab1", Severity.WARNING, T0));
        advance(WAIT);
        assertThat(sent).hasSize(3);
        assertThat(sent).extracting(n -> n.group().toString())
                .containsExactlyInAnyOrder("ops:{alertname=\"HighCpu\"}", "ops:{alertname=\"DiskFull\"}",
                        "lab:{alertname=\"DiskFull\"}");

        sent.clear();
        Aggregator byInstance = aggregator(List.of("instance"));
        byInstance.add("night", firing("HighCpu", "lab7", Severity.WARNING, clock.instant()));
        byInstance.add("night", firing("DiskFull", "lab7", Severity.WARNING, clock.instant()));
        advance(WAIT);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alerts()).hasSize(2);
    }

    @Test
    void aFailedFlushKeepsItsAlertsAndTheNextIntervalTriesAgain() {
        Alert a = firing("HighCpu", "lab1", Severity.WARNING, T0);
        nextResult = FlushResult.FAILED;
        aggregator.add("ops", a);
        advance(WAIT);
        assertThat(sent).isEmpty();
        advance(INTERVAL);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).kinds()).containsExactly("firing");
    }

    @Test
    void aFreshAggregatorReadsTheLedgerAndDoesNotSendTheSameFiringAgain() {
        Alert a = firing("HighCpu", "lab1", Severity.WARNING, T0);
        aggregator.add("ops", a);
        advance(WAIT);
        assertThat(sent).hasSize(1);

        aggregator.stop();
        Aggregator restarted = aggregator(List.of("alertname"));
        restarted.add("ops", a);
        advance(WAIT.plus(INTERVAL));
        assertThat(sent).as("the firing was delivered before the restart").hasSize(1);

        restarted.add("ops", resolved(a, clock.instant()));
        advance(INTERVAL);
        assertThat(sent).hasSize(2);

        Aggregator again = aggregator(List.of("alertname"));
        again.add("ops", resolved(a, clock.instant()));
        advance(WAIT.plus(INTERVAL));
        assertThat(sent).hasSize(2);
    }
}
