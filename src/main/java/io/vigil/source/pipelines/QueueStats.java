package io.vigil.source.pipelines;

/**
 * A queue as the management API reports it: messages (ready + unacknowledged), consumers, and the totals and rates
 * per second of messages published to it, delivered from it and acked.
 */
public record QueueStats(String queue, long messages, long messagesReady, long messagesUnacknowledged, int consumers,
        long published, double publishRate, long delivered, double deliverRate, long acked, double ackRate) {
}
