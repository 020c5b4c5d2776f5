package io.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceStatus;

/** Prometheus' for / keep_firing_for semantics, driven by an explicit clock. */
class RuleEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final SeriesKey CPU = SeriesKey.parse("host.cpu.percent");
    private final RuleEvaluator evaluator = new RuleEvaluator(Duration.ofMinutes(15), Duration.ofMinutes(5));

    private static AlertRule threshold(String name, String series, String op, double threshold, Duration forDuration,
            Duration keepFiringFor) {
        return new AlertRule(name, series, op, threshold, null, null, forDuration, keepFiringFor, "warning", null,
                Map.of("team", "lab"),
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
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ofSeconds(60), Duration.ZERO)), T0);
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
        evaluator.setRules(List.of(threshold("Hot", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ZERO)), T0);
        assertThat(sample(90, 0)).isEmpty();
        assertThat(sample(90.01, 1)).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void keepFiringForBridgesShortDips() {
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ofSeconds(30))), T0);
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
        evaluator.setRules(List.of(threshold("Hot", "host.cpu.percent", ">", 90, Duration.ZERO, Duration.ZERO)), T0);
        Alert first = sample(95, 0).get(0);
        sample(50, 10);
        Alert second = sample(95, 20).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.episodeKey()).isNotEqualTo(first.episodeKey());
    }

    @Test
    void oneAlertPerLabelSetAndMatchersSelectSeries() {
        evaluator.setRules(List.of(threshold("GpuMemory", "host.gpu.memory.percent", ">", 95, Duration.ZERO, Duration.ZERO),
                threshold("Gpu1Hot", "host.gpu.memory.percent{gpu=\"1\"}", ">", 50, Duration.ZERO, Duration.ZERO)), T0);
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
                Duration.ofSeconds(10), null, "critical", null, Map.of(), Map.of(), List.of(), true).validate();
        evaluator.setRules(List.of(dbDown), T0);
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
                Duration.ofSeconds(10), null, "critical", null, Map.of(), Map.of(), List.of(), true)), T0);
        evaluator.onSourceStatus("experiments", true, T0);
        assertThat(evaluator.onSourceStatus("experiments", false, T0.plusSeconds(5))).singleElement()
                .extracting(Alert::state).isEqualTo(AlertState.INACTIVE);
        assertThat(evaluator.onTick(T0.plusSeconds(60))).isEmpty();
        assertThat(evaluator.alerts()).isEmpty();
    }

    @Test
    void runEventsFireAtOnceAndResolveAfterTheirFiringTime() {
        evaluator.setRules(List.of(new AlertRule("RunAborted", null, null, null, "RUN_ABORTED", null, null,
                Duration.ofMinutes(30), "critical", null, Map.of(), Map.of("summary", "Run {{ $labels.run_guid }} aborted"),
                List.of("email"), true).validate()), T0);
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

    private static AlertRule disabled(AlertRule r) {
        return new AlertRule(r.name(), r.series(), r.op(), r.threshold(), r.event(), r.source(), r.forDuration(),
                r.keepFiringFor(), r.severity(), r.optionalSeverity(), r.labels(), r.annotations(), r.receivers(), false);
    }

    private static List<AlertRule> defaultRules() throws Exception {
        try (var in = RuleEvaluatorTest.class.getResourceAsStream("/alerts/default-rules.yaml")) {
            return RulesFile.read(in, "default rules");
        }
    }

    @Test
    void deletingARuleResolvesItsFiringAlert() {
        sample(95, 0);
        sample(95, 60);
        assertThat(evaluator.setRules(List.of(), T0.plusSeconds(70))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(70));
            assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(a.reason()).isEqualTo("rule deleted");
        });
        assertThat(sample(99, 80)).isEmpty();
    }

    @Test
    void disablingARuleResolvesItsFiringAlertAndDropsPendingOnes() {
        evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ofSeconds(60), Duration.ZERO),
                threshold("WarmCpu", "host.cpu.percent", ">", 50, Duration.ofMinutes(10), Duration.ZERO)), T0);
        sample(95, 0);
        sample(95, 60);
        List<Alert> changed = evaluator.setRules(List.of(
                disabled(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ofSeconds(60), Duration.ZERO)),
                disabled(threshold("WarmCpu", "host.cpu.percent", ">", 50, Duration.ofMinutes(10), Duration.ZERO))),
                T0.plusSeconds(70));
        assertThat(changed).extracting(a -> a.rule() + " " + a.state() + " " + a.reason())
                .containsExactlyInAnyOrder("HighCpu RESOLVED rule disabled", "WarmCpu INACTIVE rule disabled");
    }

    @Test
    void editingARuleKeepsItsFiringAlertWhileTheNewConditionHolds() {
        sample(95, 0);
        Alert fired = sample(95, 60).get(0);
        assertThat(evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 80, Duration.ofSeconds(60),
                Duration.ZERO)), T0.plusSeconds(70))).isEmpty();
        assertThat(sample(95, 75)).isEmpty();
        assertThat(evaluator.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.episodeKey()).isEqualTo(fired.episodeKey());
        });
    }

    @Test
    void editingARuleReEvaluatesItsAlertsUnderTheNewCondition() {
        sample(95, 0);
        assertThat(state()).isEqualTo(AlertState.PENDING);
        // A shorter for: the pending alert fires at once, counted from when it became pending.
        assertThat(evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 90, Duration.ofSeconds(10),
                Duration.ZERO)), T0.plusSeconds(20))).singleElement().satisfies(a -> {
                    assertThat(a.state()).isEqualTo(AlertState.FIRING);
                    assertThat(a.activeAt()).isEqualTo(T0);
                });
        // A threshold above the last value: the condition no longer holds, the alert resolves.
        assertThat(evaluator.setRules(List.of(threshold("HighCpu", "host.cpu.percent", ">", 99, Duration.ofSeconds(10),
                Duration.ZERO)), T0.plusSeconds(30))).singleElement().satisfies(a -> {
                    assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
                    assertThat(a.reason()).isEqualTo("rule changed");
                });
    }

    @Test
    void editingARulesLabelsEndsTheOldAlertsAndStartsNewOnes() {
        sample(95, 0);
        sample(95, 60);
        AlertRule relabelled = new AlertRule("HighCpu", "host.cpu.percent", ">", 90.0, null, null, Duration.ofSeconds(60),
                Duration.ZERO, "critical", null, Map.of("team", "lab"), Map.of(), List.of(), true).validate();
        assertThat(evaluator.setRules(List.of(relabelled), T0.plusSeconds(70))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.labels()).containsEntry("severity", "warning");
            assertThat(a.reason()).isEqualTo("rule changed");
        });
        assertThat(sample(95, 80)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.PENDING);
            assertThat(a.labels()).containsEntry("severity", "critical");
        });
    }

    @Test
    void everySourceDownLongerThanTheDefaultForRaisesSourceDown() throws Exception {
        evaluator.setRules(defaultRules(), T0);
        assertThat(evaluator.onSourceStatus("pipelines", SourceStatus.DOWN, false, T0)).singleElement()
                .extracting(Alert::state).isEqualTo(AlertState.PENDING);
        evaluator.onSourceStatus("clients", SourceStatus.DOWN, true, T0);
        assertThat(evaluator.onTick(T0.plusSeconds(29))).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(30))).extracting(a -> a.labels().get("alertname") + "{source="
                + a.labels().get("source") + "} " + a.severity().label() + " " + a.state())
                .containsExactlyInAnyOrder("SourceDown{source=pipelines} critical FIRING",
                        "SourceDown{source=clients} warning FIRING");
        assertThat(evaluator.onSourceStatus("pipelines", SourceStatus.UP, false, T0.plusSeconds(40))).singleElement()
                .extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aSourceNotConfiguredOrDisabledNeverRaisesSourceDown() throws Exception {
        evaluator.setRules(defaultRules(), T0);
        assertThat(evaluator.onSourceStatus("experiments", SourceStatus.NOT_CONFIGURED, false, T0)).isEmpty();
        assertThat(evaluator.onSourceStatus("pipelines", SourceStatus.DISABLED, false, T0)).isEmpty();
        assertThat(evaluator.onTick(T0.plusSeconds(3600))).isEmpty();
        assertThat(evaluator.alerts()).isEmpty();
    }

    @Test
    void theExperimentsDatabaseKeepsItsOwnRuleInsteadOfTheGenericOne() throws Exception {
        evaluator.setRules(defaultRules(), T0);
        evaluator.onSourceStatus("experiments", SourceStatus.DOWN, false, T0);
        assertThat(evaluator.onTick(T0.plusSeconds(60))).extracting(Alert::rule).containsExactly("ExperimentsDatabaseDown");
    }

    @Test
    void schedulerLifecycleEventsAreNoticesNotLastingAlerts() throws Exception {
        evaluator.setRules(defaultRules(), T0);
        for (String type : List.of("EXECUTION_STARTED", "EXECUTION_COMPLETED", "EXECUTION_FAILED")) {
            assertThat(evaluator.onEvent("scheduler", type, Map.of("schedule_name", "Nightly", "execution_id", "E1"), T0))
                    .as(type).singleElement().satisfies(a -> {
                        assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
                        assertThat(a.firedAt()).isEqualTo(T0).isEqualTo(a.resolvedAt());
                        assertThat(a.notice()).isTrue();
                    });
        }
        assertThat(evaluator.alerts()).isEmpty();
        for (String type : List.of("EXECUTION_ABORTED", "CAPACITY_EXHAUSTED", "LONG_RUNNING", "RECOVERY_REQUIRED")) {
            assertThat(evaluator.onEvent("scheduler", type, Map.of("schedule_name", "Nightly", "execution_id", "E1"), T0))
                    .as(type).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
        }
        assertThat(evaluator.alerts()).hasSize(4).noneMatch(Alert::notice);
    }

    @Test
    void forAndKeepFiringForOfZeroAreReadFromTheirOwnJson() throws Exception {
        var json = io.vigil.web.JsonSettings.apply(new com.fasterxml.jackson.databind.ObjectMapper());
        AlertRule rule = json.readValue("""
                {"name":"AtOnce","series":"host.cpu.percent","op":">","threshold":1,"for":"0s","keep_firing_for":0,
                 "severity":"CRITICAL"}""", AlertRule.class).validate();
        assertThat(rule.severity()).isEqualTo("critical");
        assertThat(json.readValue(json.writeValueAsString(rule), AlertRule.class)).isEqualTo(rule);
        assertThat(json.writeValueAsString(Severity.CRITICAL)).isEqualTo("\"critical\"");
    }
}
