package io.vigil.source.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vigil.hub.view.ActionsView;
import io.vigil.hub.view.SavedAction;

/**
 * What the pipelines source knows after an interval: per pipeline figures (each with its mode: {@code consumer} when
 * Vigil reads the results from a queue of its own, {@code queue-level} when it can only read the producer's queue
 * through the management API), the streams and where Vigil reads them, gateways, the latest saved actions, and the
 * messages rejected per reason.
 */
public record PipelinesSnapshot(String broker, Map<String, PipelineView> pipelines, List<StreamView> streams,
        List<GatewayView> gateways, List<SavedAction> recentActions, Map<String, Long> actionTotals,
        Map<String, Long> rejected, Instant ts) implements ActionsView {

    /** One pipeline's figures, either counted from its results or, in queue-level mode, read from its queue. */
    public sealed interface PipelineView permits Consumed, QueueLevel {

        String mode();

        List<Backlog> backlog();
    }

    /**
     * A pipeline whose results Vigil reads: totals since Vigil started; rate (per second), error ratio and latency
     * (seconds) over the window; the backlog of its work queues.
     */
    public record Consumed(String mode, String exchange, long count, long success, long errors, double ratePerSecond,
            double errorRatio, Latency latencySeconds, WindowCounts window, Instant lastResultAt, List<Backlog> backlog)
            implements
                PipelineView {
    }

    /**
     * A pipeline whose producer publishes straight to {@code queue} through the default exchange: Vigil does not
     * consume it and shows that queue's figures from the management API; {@code ratePerSecond} is its publish rate.
     */
    public record QueueLevel(String mode, String queue, Double ratePerSecond, QueueStats stats, String error,
            List<Backlog> backlog) implements PipelineView {
    }

    /**
     * A stream and where Vigil reads it: {@code queue} is Vigil's own queue in consumer mode, the producer's queue in
     * queue-level mode; {@code state} is consuming, waiting, queue-level or misconfigured.
     */
    public record StreamView(String stream, String mode, String state, String detail, String exchange,
            List<String> routingKeys, String queue, QueueStats stats) {
    }
}
