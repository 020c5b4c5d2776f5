package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

class StuckRunDetectorTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    final StuckRunDetector detector = new StuckRunDetector(3, Duration.ofHours(12));

    static HxRun run(String guid, RunState state, Instant start) {
        return new HxRun(guid, "PCR_Setup", start, null, state == RunState.RUNNING ? "1" : "2", state);
    }

    static Optional<Duration> none(String guid) {
        return Optional.empty();
    }

    @Test
    void aRunOfAScheduleIsStuckAfterItsExpectedDurationTimesTheFactor() {
        Map<String, Duration> expected = Map.of("A", Duration.ofMinutes(20));
        List<HxRun> runs = List.of(run("A", RunState.RUNNING, T0));
        assertThat(detector.observe(runs, T0.plus(Duration.ofMinutes(59)), g -> Optional.ofNullable(expected.get(g)))).isEmpty();
        assertThat(detector.observe(runs, T0.plus(Duration.ofMinutes(61)), g -> Optional.ofNullable(expected.get(g))))
                .singleElement().satisfies(s -> {
                    assertThat(s.runGuid()).isEqualTo("A");
                    assertThat(s.since()).isEqualTo(T0);
                    assertThat(s.limit()).isEqualTo(Duration.ofHours(1));
                    assertThat(s.blocking()).isTrue();
                });
    }

    @Test
    void aRunWithoutAnExpectedDurationIsStuckAfterTheMaximumAndAStateChangeStartsTheCountAgain() {
        assertThat(detector.observe(List.of(run("B", RunState.RUNNING, T0)), T0.plus(Duration.ofHours(11)),
                StuckRunDetectorTest::none))
                .isEmpty();
        // Paused at 11 h: a change of state, so the count starts again.
        assertThat(detector.observe(List.of(run("B", RunState.PAUSED, T0)), T0.plus(Duration.ofHours(11)),
                StuckRunDetectorTest::none))
                .isEmpty();
        assertThat(detector.observe(List.of(run("B", RunState.PAUSED, T0)), T0.plus(Duration.ofHours(22)),
                StuckRunDetectorTest::none))
                .isEmpty();
        assertThat(detector.observe(List.of(run("B", RunState.PAUSED, T0)), T0.plus(Duration.ofHours(23).plusMinutes(1)),
                StuckRunDetectorTest::none)).extracting(StuckRunDetector.StuckRun::runGuid).containsExactly("B");
    }

    @Test
    void anOperatorCanReleaseOnlyAStuckRunAndTheReleaseEndsWithTheRun() {
        Instant late = T0.plus(Duration.ofHours(13));
        List<HxRun> runs = List.of(run("C", RunState.RUNNING, T0), run("D", RunState.RUNNING, late.minusSeconds(60)));
        detector.observe(runs, late, StuckRunDetectorTest::none);
        assertThat(detector.release("D", "olga", "moving", late)).isEmpty();
        assertThat(detector.release("C", "olga", "HxRun crashed; robot checked", late)).get()
                .satisfies(s -> assertThat(s.release().by()).isEqualTo("olga"));
        assertThat(detector.released()).containsExactly("C");
        assertThat(detector.observe(runs, late.plusSeconds(5), StuckRunDetectorTest::none)).singleElement()
                .satisfies(s -> assertThat(s.blocking()).isFalse());
        // The run ends: nothing stuck, nothing released any more.
        detector.observe(List.of(), late.plusSeconds(10), StuckRunDetectorTest::none);
        assertThat(detector.stuck()).isEmpty();
        assertThat(detector.released()).isEmpty();
    }

    @Test
    void endedRunsAreNeverStuck() {
        HxRun done = new HxRun("E", "PCR_Setup", T0, T0.plusSeconds(60), "128", RunState.COMPLETE);
        assertThat(detector.observe(List.of(done), T0.plus(Duration.ofDays(3)), StuckRunDetectorTest::none)).isEmpty();
    }
}
