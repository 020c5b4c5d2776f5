package io.vigil.source.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What Vigil has seen of one pipeline's results: totals since Vigil started (they survive reconnects) and the sliding
 * window that rate, error ratio and latency percentiles are taken over.
 */
final class PipelineStats {

    private final AtomicLong success = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Instant> lastResultAt = new AtomicReference<>();
    private final ResultWindow window;
    private final Duration windowLength;

    PipelineStats(Duration window, int buckets, Instant created) {
        this.window = new ResultWindow(window, buckets, created);
        this.windowLength = window;
    }

    /** Thread-safe: consumers call it for every result. */
    void record(PipelineResult result, Instant receivedAt) {
        // The window first: totals and window must count the same results, even if a latency could not be taken.
        window.record(result.success(), result.latency());
        (result.success() ? success : errors).incrementAndGet();
        lastResultAt.set(receivedAt);
    }

    PipelineFigures read(Instant now) {
        ResultWindow.Reading w = window.read(now);
        long ok = success.get();
        long failed = errors.get();
        return new PipelineFigures(ok + failed, ok, failed, w.ratePerSecond(), w.errorRatio(), w.latency(),
                new WindowCounts(windowLength, w.coveredSeconds(), w.count(), w.success(), w.errors()),
                lastResultAt.get());
    }

    /**
     * One pipeline's figures: totals since Vigil started; rate (results per second), error ratio (0..1) and latency
     * (seconds, null while the window holds no result) over the sliding window.
     */
    record PipelineFigures(long count, long success, long errors, double ratePerSecond, double errorRatio,
            Latency latencySeconds, WindowCounts window, Instant lastResultAt) {
    }
}
