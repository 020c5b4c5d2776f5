package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;

/** From a reading to the update the hub gets: status, detail, and series that keep their label names. */
class PipelinesUpdatesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final StreamSpec face = StreamSpec.of("results.face", StreamSpec.Kind.RESULTS, "face",
            StreamSpecTest.Settings.exchange("face_results"), List.of("face_tasks"), "1a2b");
    private final StreamSpec phone = StreamSpec.of("results.phone", StreamSpec.Kind.RESULTS, "phone",
            new StreamSpecTest.Settings(Optional.of("amq.default"), List.of("#"), Optional.of("phone_results"),
                    Optional.empty()),
            List.of(), "1a2b");
    private final List<StreamSpec> specs = List.of(face, phone);

    @Test
    void queueLevelIsUpWithADetailThatSaysSo() {
        SourceUpdate update = build(Map.of("results.face", StreamState.consuming()), readings(null));
        assertThat(update.status()).isEqualTo(SourceStatus.UP);
        assertThat(update.detail()).contains("results.phone is queue-level", "phone_results", "default exchange",
                "management API");
        PipelinesSnapshot snapshot = (PipelinesSnapshot) update.snapshot();
        assertThat(snapshot.pipelines().get("face").mode()).isEqualTo("consumer");
        PipelinesSnapshot.QueueLevel phoneView = (PipelinesSnapshot.QueueLevel) snapshot.pipelines().get("phone");
        assertThat(phoneView.mode()).isEqualTo("queue-level");
        assertThat(phoneView.ratePerSecond()).isEqualTo(2.5);
        assertThat(phoneView.backlog()).containsExactly(Backlog.of("phone_results", 7, 0));
        assertThat(value(update, "pipelines.backlog", Map.of("pipeline", "phone", "queue", "phone_results"))).isEqualTo(7);
        assertThat(value(update, "pipelines.backlog", Map.of("pipeline", "face", "queue", "face_tasks"))).isEqualTo(4);
        assertThat(value(update, "pipelines.rate", Map.of("pipeline", "phone"))).isEqualTo(2.5);
        assertThat(value(update, "pipelines.count", Map.of("pipeline", "face"))).isEqualTo(3);
        assertThat(value(update, "pipelines.stream.up", Map.of("stream", "results.phone"))).isEqualTo(1);
    }

    @Test
    void aWaitingStreamOrAnUnreadableQueueDegradesTheSource() {
        SourceUpdate waiting = build(Map.of("results.face", StreamState.waiting("exchange 'face_results' does not exist yet")),
                readings(null));
        assertThat(waiting.status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(waiting.detail()).contains("results.face: exchange 'face_results' does not exist yet",
                "results.phone is queue-level");
        assertThat(value(waiting, "pipelines.stream.up", Map.of("stream", "results.face"))).isZero();

        SourceUpdate managementDown = build(Map.of("results.face", StreamState.consuming()),
                readings("management API at http://localhost:15672 unreachable: Connection refused"));
        assertThat(managementDown.status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(managementDown.detail()).contains("results.phone: queue-level, but management API");

        QueueReadings missingTasks = new QueueReadings(
                Map.of("face_tasks", Backlog.failed("face_tasks", "queue 'face_tasks' does not exist")), Map.of());
        SourceUpdate noTasks = build(Map.of("results.face", StreamState.consuming()), missingTasks);
        assertThat(noTasks.status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(noTasks.detail()).contains("backlog of face: queue 'face_tasks' does not exist");
    }

    @Test
    void everySeriesNameAlwaysHasTheSameLabelNames() {
        SourceUpdate a = build(Map.of("results.face", StreamState.consuming()), readings(null));
        SourceUpdate b = build(Map.of("results.face", StreamState.waiting("gone")), readings("down"));
        Map<String, Set<Set<String>>> labelSets = java.util.stream.Stream.of(a, b)
                .flatMap(u -> u.samples().stream())
                .collect(Collectors.groupingBy(Sample::series, Collectors.mapping(s -> s.labels().keySet(), Collectors.toSet())));
        labelSets.forEach((series, sets) -> assertThat(sets).as(series).hasSize(1));
        assertThat(labelSets).containsKeys("pipelines.count", "pipelines.success", "pipelines.errors", "pipelines.rate",
                "pipelines.error_ratio", "pipelines.latency.p50", "pipelines.latency.p95", "pipelines.latency.p99",
                "pipelines.backlog", "pipelines.rejected", "pipelines.gateway.clients", "pipelines.gateway.stale",
                "pipelines.actions");
    }

    private SourceUpdate build(Map<String, StreamState> states, QueueReadings queues) {
        PipelineStats stats = new PipelineStats(Duration.ofMinutes(5), 30, NOW.minusSeconds(60));
        for (int i = 0; i < 3; i++) {
            stats.record(new PipelineResult("face", "r" + i, i > 0, NOW.minusSeconds(2), NOW.minusSeconds(1), null, null),
                    NOW.minusSeconds(1));
        }
        GatewaySessions gateways = new GatewaySessions(Duration.ofSeconds(30), 10, 10);
        gateways.accept(new GatewayEvent("gw-1", GatewayEvent.Kind.CONNECT, "c-1", NOW), NOW);
        GatewaySessions.Reading g = gateways.read(NOW);
        PipelinesLedger.Reading ledger = new PipelinesLedger.Reading(Map.of("face", stats.read(NOW),
                "phone", new PipelineStats(Duration.ofMinutes(5), 30, NOW).read(NOW)), g.gateways(), List.of(),
                Map.of("pause", 1L), Map.of("not_json", 2L), 0, List.of());
        return PipelinesUpdates.build("amqp://localhost:5672/%2F", specs, states, ledger, queues, NOW);
    }

    private static QueueReadings readings(String managementError) {
        QueueStats stats = new QueueStats("phone_results", 7, 7, 0, 0, 100, 2.5, 0, 0, 0, 0);
        QueueReadings.Managed managed = managementError == null
                ? new QueueReadings.Managed(stats, null)
                : new QueueReadings.Managed(null, managementError);
        Map<String, Backlog> backlogs = managementError == null
                ? Map.of("face_tasks", Backlog.of("face_tasks", 4, 2), "phone_results", Backlog.of("phone_results", 7, 0))
                : Map.of("face_tasks", Backlog.of("face_tasks", 4, 2));
        return new QueueReadings(backlogs, Map.of("results.phone", managed));
    }

    private static double value(SourceUpdate update, String series, Map<String, String> labels) {
        return update.samples().stream().filter(s -> s.series().equals(series) && s.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + labels + " in " + update.samples()))
                .value();
    }
}
