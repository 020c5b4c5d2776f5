package io.vigil.source.experiments;

import java.time.Instant;
import java.util.List;

/** What the experiments source knows after a poll: the current run (if the robot is busy) and the latest runs. */
public record ExperimentsSnapshot(boolean robotBusy, CurrentRun currentRun, List<HxRun> recentRuns, Instant polledAt) {

    public record CurrentRun(String runGuid, String methodName, RunState state, Instant startTime, long elapsedSeconds) {
    }
}
