package io.vigil.hub.view;

import java.time.Instant;
import java.util.List;

/** What the experiments source knows after a poll: the current run (if the robot is busy) and the latest runs. */
public record ExperimentsSnapshot(boolean robotBusy, CurrentRun currentRun, List<HxRun> recentRuns, Instant polledAt) {

    /** The experiments source's name, the {@code source} of its updates. */
    public static final String SOURCE = "experiments";

    public record CurrentRun(String runGuid, String methodName, RunState state, Instant startTime, long elapsedSeconds) {
    }
}
