package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.Severity;

/** The pipeline runs its list of stages in order, each on a worker, and ends with what the last one left. */
class NotificationPipelineTest {

    static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    static final Flush FLUSH = new Flush(new GroupKey("ops", Map.of("alertname", "DiskFull")),
            List.of(TestAlerts.firing("DiskFull", "lab1", Severity.WARNING, AT)), 0, true, AT);

    final ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-worker"));
    final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    Stage stage(String name, FlushResult result) {
        return (ctx, flush) -> {
            ran.add(name + " on " + Thread.currentThread().getName() + " for " + ctx.receiver().name());
            return Uni.createFrom().item(result == null ? flush : flush.ended(result));
        };
    }

    @Test
    void theStagesRunInTheirOrderOnAWorkerAndTheLastResultIsTheFlushs() {
        NotificationPipeline pipeline = new NotificationPipeline(receivers("ops"), List.of(stage("silence", null),
                stage("dedupe", null), stage("retry", FlushResult.DELIVERED), stage("log", null)), workers);

        assertThat(pipeline.flush(FLUSH).await().atMost(Duration.ofSeconds(5))).isEqualTo(FlushResult.DELIVERED);
        assertThat(ran).containsExactly("silence on test-worker for ops", "dedupe on test-worker for ops",
                "retry on test-worker for ops", "log on test-worker for ops");
    }

    @Test
    void aFlushWithoutADecisionHadNothingDue() {
        NotificationPipeline pipeline = new NotificationPipeline(receivers("ops"), List.of(stage("silence", null)), workers);

        assertThat(pipeline.flush(FLUSH).await().atMost(Duration.ofSeconds(5))).isEqualTo(FlushResult.NOTHING_DUE);
    }

    @Test
    void aGroupOfAReceiverNoLongerConfiguredGoesThroughNoStage() {
        NotificationPipeline pipeline = new NotificationPipeline(receivers("pager"), List.of(stage("silence", null)), workers);

        assertThat(pipeline.flush(FLUSH).await().atMost(Duration.ofSeconds(5))).isEqualTo(FlushResult.NOTHING_DUE);
        assertThat(ran).isEmpty();
    }

    @Test
    void theSilenceStageTakesSilencedAlertsOutAndCountsThem() {
        Flush mixed = new Flush(FLUSH.group(), List.of(FLUSH.alerts().get(0),
                TestAlerts.silenced(TestAlerts.firing("DiskFull", "lab2", Severity.WARNING, AT), "s1")), 1, true, AT);

        Flush audible = new SilenceStage().exec(null, mixed).await().indefinitely();

        assertThat(audible.alerts()).containsExactly(FLUSH.alerts().get(0));
        assertThat(audible.silenced()).isEqualTo(2);
    }

    static Receivers receivers(String only) {
        Receiver receiver = new Receiver() {

            public String name() {
                return only;
            }

            public ReceiverType type() {
                return ReceiverType.WEBHOOK;
            }

            public NotifyConfig.Receiver config() {
                return null;
            }

            public Uni<Delivery> send(Notification notification) {
                return Uni.createFrom().item(Delivery.sent("taken"));
            }
        };
        return new Receivers() {

            public Optional<Receiver> get(String name) {
                return Optional.of(receiver).filter(r -> r.name().equals(name));
            }

            public Collection<Receiver> all() {
                return List.of(receiver);
            }

            public Duration repeatInterval(String name) {
                return Duration.ofHours(4);
            }

            public boolean repeatsAcknowledged(String name) {
                return false;
            }
        };
    }
}
