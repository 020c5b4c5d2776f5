package io.vigil.hub.view;

import java.time.Instant;

/** One row of HxRun as Vigil understands it; {@code rawState} is what the table holds. */
public record HxRun(String runGuid, String methodName, Instant startTime, Instant endTime, String rawState, RunState state) {
}
