package io.vigil.source.experiments;

import java.time.Instant;

import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/** A change of a run's state, e.g. RUN_COMPLETED. {@code isNewlyCompleted} is true once per run, when it ends. */
public record RunTransition(String event, HxRun run, RunState previousState, boolean isNewlyCompleted,
        Instant stateChangeTime) {
}
