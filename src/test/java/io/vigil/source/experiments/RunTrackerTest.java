package io.vigil.source.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

class RunTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final RunTracker tracker = new RunTracker();

    private static HxRun run(String guid, RunState state, Instant start, Instant end) {
        return new HxRun(guid, "PCR_Setup", start, end, state.name(), state);
    }

    @Test
    void theFirstReadIsTheBaselineAndRaisesNothing() {
        List<RunTransition> first = tracker.observe(List.of(run("A", RunState.ABORTED, T0, T0.plusSeconds(60)),
                run("B", RunState.RUNNING, T0.plusSeconds(100), null)), T0.plusSeconds(120));
        assertThat(first).isEmpty();
    }

    @Test
    void followsARunThroughItsStates() {
        tracker.observe(List.of(), T0);
        assertThat(tracker.observe(List.of(run("A", RunState.RUNNING, T0, null)), T0.plusSeconds(5)))
                .extracting(RunTransition::event).containsExactly("RUN_STARTED");
        assertThat(tracker.observe(List.of(run("A", RunState.RUNNING, T0, null)), T0.plusSeconds(10))).isEmpty();
        assertThat(tracker.observe(List.of(run("A", RunState.PAUSED, T0, null)), T0.plusSeconds(15)))
                .extracting(RunTransition::event).containsExactly("RUN_PAUSED");
        assertThat(tracker.observe(List.of(run("A", RunState.RUNNING, T0, null)), T0.plusSeconds(20)))
                .extracting(RunTransition::event).containsExactly("RUN_RESUMED");
        List<RunTransition> end = tracker.observe(List.of(run("A", RunState.COMPLETE, T0, T0.plusSeconds(24))),
                T0.plusSeconds(25));
        assertThat(end).singleElement().satisfies(t -> {
            assertThat(t.event()).isEqualTo("RUN_COMPLETED");
            assertThat(t.isNewlyCompleted()).isTrue();
            assertThat(t.previousState()).isEqualTo(RunState.RUNNING);
            assertThat(t.stateChangeTime()).isEqualTo(T0.plusSeconds(24));
        });
        assertThat(tracker.observe(List.of(run("A", RunState.COMPLETE, T0, T0.plusSeconds(24))), T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void aRunThatStartedAndEndedBetweenPollsAnnouncesBoth() {
        tracker.observe(List.of(), T0);
        List<RunTransition> seen = tracker.observe(List.of(run("Q", RunState.ABORTED, T0.plusSeconds(1), T0.plusSeconds(2))),
                T0.plusSeconds(5));
        assertThat(seen).extracting(RunTransition::event).containsExactly("RUN_STARTED", "RUN_ABORTED");
        assertThat(seen.get(0).stateChangeTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(seen.get(1).isNewlyCompleted()).isTrue();
        assertThat(seen.get(1).stateChangeTime()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aCorrectionBetweenEndStatesIsNotANewCompletion() {
        tracker.observe(List.of(run("A", RunState.COMPLETE, T0, T0)), T0);
        List<RunTransition> changed = tracker.observe(List.of(run("A", RunState.ERROR, T0, T0)), T0.plusSeconds(5));
        assertThat(changed).singleElement().satisfies(t -> {
            assertThat(t.event()).isEqualTo("RUN_ERROR");
            assertThat(t.isNewlyCompleted()).isFalse();
        });
    }

    @Test
    void unknownStatesRaiseNothing() {
        tracker.observe(List.of(run("A", RunState.RUNNING, T0, null)), T0);
        assertThat(tracker.observe(List.of(run("A", RunState.UNKNOWN, T0, null)), T0.plusSeconds(5))).isEmpty();
        assertThat(tracker.observe(List.of(run("B", RunState.UNKNOWN, T0, null), run("A", RunState.UNKNOWN, T0, null)),
                T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void severalRunsInOnePollComeOldestFirst() {
        tracker.observe(List.of(), T0);
        List<RunTransition> seen = tracker.observe(List.of(
                run("NEW", RunState.RUNNING, T0.plusSeconds(20), null),
                run("OLD", RunState.COMPLETE, T0.plusSeconds(10), T0.plusSeconds(15))), T0.plusSeconds(30));
        assertThat(seen).extracting(t -> t.run().runGuid() + ":" + t.event())
                .containsExactly("OLD:RUN_STARTED", "OLD:RUN_COMPLETED", "NEW:RUN_STARTED");
    }
}
