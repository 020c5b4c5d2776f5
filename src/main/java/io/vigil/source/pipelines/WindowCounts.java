package io.vigil.source.pipelines;

import java.time.Duration;

/** Results in the sliding window; {@code coveredSeconds} is shorter than the window's length while it fills. */
public record WindowCounts(Duration length, double coveredSeconds, long count, long success, long errors) {
}
