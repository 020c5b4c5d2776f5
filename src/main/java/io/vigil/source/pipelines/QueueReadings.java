package io.vigil.source.pipelines;

import java.util.Map;

/**
 * The latest readings of queues, taken every {@code vigil.pipelines.queue-poll-interval}: the watched queues' depths
 * (by queue name) and the queue-level streams' management figures (by stream id).
 */
record QueueReadings(Map<String, Backlog> backlogs, Map<String, Managed> queueLevel) {

    static final QueueReadings NONE = new QueueReadings(Map.of(), Map.of());

    /** A queue-level stream's figures from the management API, or why they could not be read. */
    record Managed(QueueStats stats, String error) {
    }
}
