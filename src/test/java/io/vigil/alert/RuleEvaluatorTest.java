package io.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.hub.SeriesKey;

/** Prometheus' for / keep_firing_for semantics, driven by an explicit clock. */
class RuleEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final SeriesKey CPU = SeriesKey.parse("host.cpu.percent");
    private final RuleEvaluator evaluator = new RuleEvaluator(Duration.ofMinutes(15), Duration.ofMinutes(5));

    private static AlertRule threshold(String name, String series, String op, double threshold, Duration forDuration,
            Duration keepFiringFor) {
        return new AlertRule(name, series, op, threshold, null, null, forDuration, keepFiringFor, "warning", Map.of("team", "lab"),
                Map.of("summary", "CPU at {{ $value }}% on {{ $labels.team }}"), List.of(), true).validate();
    }

    private List<Alert> sample(double value, int second) {
        return evaluator.onSample("host", CPU, value, T0.plusSeconds(second));
    }

    private AlertState state() {
        return evaluator.alerts().isEmpty() ? AlertState.INACTIVE : evaluator.alerts().get(0).state();
    }

    @BeforeEach
    void cpuRule() {
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ofSeconds(60), Duration.ZERO)));
    }

    @Test
    void pendingForTheDurationThenFiringThenResolved() {
        assertThat(sample(50, 0)).isEmpty();
        assertThat(sample(95, 5)).singleElement().extracting(Alert::state).isEqualTo(AlertState.PENDING);
        assertThat(sample(96, 30)).isEmpty();
        assertThat(sample(97, 64)).isEmpty();
        assertThat(sample(97, 65)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.activeAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(65));
            assertThat(a.value()).isEqualTo(97);
            assertThat(a.labels()).containsEntry("alertname", "HighCpu").containsEntry("team", "lab")
                    .containsEntry("severity", "warning");
            assertThat(a.annotations()).containsEntry("summary", "CPU at 97% on lab");
        });
        assertThat(sample(10, 70)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(70));
        });
    }

    @Test
    void firesExactlyWhenForHasPassed() {
        sample(95, 0);
        assertThat(sample(95, 59)).isEmpty();
        assertThat(sample(95, 60)).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void flappingAroundTheThresholdNeverFiresAndStartsPendingOver() {
        for (int s = 0; s < 600; s += 10) {
            sample(s % 20 == 0 ? 95 : 85, s);
            assertThat(state()).isNotEqualTo(AlertState.FIRING);
        }
        sample(95, 1000);
        assertThat(evaluator.alerts().get(0).activeAt()).isEqualTo(T0.plusSeconds(1000));
    }

    @Test
    void aConditionAtTheThresholdDoesNotHoldForGreaterThan() {
        evaluator.setRules(List.of(threshold("Hot", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ZERO)));
        assertThat(sample(90, 0)).isEmpty();
        assertThat(sample(90.01, 1)).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void keepFiringForBridgesShortDips() {
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ofSeconds(30))));
        sample(95, 0);
        assertThat(state()).isEqualTo(AlertState.FIRING);
        assertThat(sample(50, 10)).isEmpty();
        assertThat(sample(95, 20)).isEmpty();
        assertThat(sample(50, 25)).isEmpty();
        assertThat(sample(50, 49)).isEmpty();
        assertThat(sample(50, 50)).singleElement().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void firingAgainAfterResolutionIsANewEpisode() {
        evaluator.setRules(List.of(threshold("Hot", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ZERO)));
        Alert first = sample(95, 0).get(0);
        sample(50, 10);
        Alert second = sample(95, 20).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.episodeKey()).isNotEqualTo(first.episodeKey());
    }

    @Test
    void oneAlertPerLabelSetAndMatchersSelectSeries() {
        evaluator.setRules(List.of(threshold("GpuMemory", "host.gpu.memory.percent", ">", 95, Duration.ZERO, Duration.ZERO),
                threshold("Gpu1Hot", "host.gpu.memory.percent{gpu=\"1\"}", ">", 50, Duration.ZERO, Duration.ZERO)));
        evaluator.onSample("host", SeriesKey.parse("host.gpu.memory.percent{gpu=\"0\"}"), 99, T0);
        evaluator.onSample("host", SeriesKey.parse("host.gpu.memory.percent{gpu=\"1\"}"), 99, T0);
        assertThat(evaluator.alerts()).extracting(a -> a.rule() + "/" + a.labels().get("gpu"))
                .containsExactlyInAnyOrder("GpuMemory/0", "GpuMemory/1", "Gpu1Hot/1");
    }

    @Test
    void aSourceGoingDownMakesItsAlertsStaleInsteadOfResolvingThem() {
        sample(95, 0);
        sample(95, 60);
        assertThat(state()).isEqualTo(AlertState.FIRING);
        assertThat(evaluator.onSourceStatus("host", true, T0.plusSeconds(70))).singleElement()
                .satisfies(a -> assertThat(a.stale()).isTrue());
        assertThat(evaluator.onTick(T0.plusSeconds(3600))).isEmpty();
        assertThat(state()).isEqualTo(AlertState.FIRING);
        assertThat(sample(95, 3700)).singleElement().satisfies(a -> {
            assertThat(a.stale()).isFalse();
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
        });
    }

    @Test
    void aSeriesThatStopsWhileItsSourceIsUpResolvesAfterTheAbsenceLimit() {
        sample(95, 0);
        sample(95, 60);
        assertThat(evaluator.onTick(T0.plusSeconds(60 + 299))).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(60 + 301))).singleElement().extracting(Alert::state)
                .isEqualTo(AlertState.RESOLVED);
        assertThat(evaluator.onTick(T0.plusSeconds(60 + 301 + 15 * 60 + 1))).isEmpty();
        assertThat(evaluator.alerts()).isEmpty();
    }

    @Test
    void sourceDownRulesWaitForThenResolveWhenTheSourceIsBack() {
        AlertRule dbDown = new AlertRule("ExperimentsDatabaseDown", null, null, null, AlertRule.SOURCE_DOWN, "experiments",
                Duration.ofSeconds(10), null, "critical", Map.of(), Map.of(), List.of(), true).validate();
        evaluator.setRules(List.of(dbDown));
        assertThat(evaluator.onSourceStatus("host", true, T0)).isEmpty();
        assertThat(evaluator.onSourceStatus("experiments", true, T0)).singleElement().extracting(Alert::state)
                .isEqualTo(AlertState.PENDING);
        assertThat(evaluator.onTick(T0.plusSeconds(9))).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(10))).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
        assertThat(evaluator.onSourceStatus("experiments", false, T0.plusSeconds(20))).singleElement()
                .extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aShortOutageNeverFiresASourceDownRule() {
        evaluator.setRules(List.of(new AlertRule("DbDown", null, null, null, AlertRule.SOURCE_DOWN, "experiments",
                Duration.ofSeconds(10), null, "critical", Map.of(), Map.of(), List.of(), true)));
        evaluator.onSourceStatus("experiments", true, T0);
        assertThat(evaluator.onSourceStatus("experiments", false, T0.plusSeconds(5))).singleElement()
                .extracting(Alert::state).isEqualTo(AlertState.INACTIVE);
        assertThat(evaluator.onTick(T0.plusSeconds(60))).isEmpty();
        assertThat(evaluator.alerts()).isEmpty();
    }

    @Test
    void runEventsFireAtOnceAndResolveAfterTheirFiringTime() {
        evaluator.setRules(List.of(new AlertRule("RunAborted", null, null, null, "RUN_ABORTED", null, null,
                Duration.ofMinutes(30), "critical", Map.of(), Map.of("summary", "Run {{ $labels.run_guid }} aborted"),
                List.of("email"), true).validate()));
        List<Alert> fired = evaluator.onEvent("experiments", "RUN_ABORTED", Map.of("run_guid", "R1", "method_name", "PCR"), T0);
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.labels()).containsEntry("run_guid", "R1").containsEntry("source", "experiments");
            assertThat(a.annotations()).containsEntry("summary", "Run R1 aborted");
            assertThat(a.receivers()).containsExactly("email");
        });
        assertThat(evaluator.onEvent("experiments", "RUN_COMPLETED", Map.of("run_guid", "R2"), T0)).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(29 * 60))).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(30 * 60))).singleElement().extracting(Alert::state)
                .isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void changingARuleStartsItsAlertsOver() {
        sample(95, 0);
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 80, Duration.ofSeconds(60), Duration.ZERO)));
        assertThat(evaluator.alerts()).isEmpty();
    }
}
