package io.vigil.hub;

import java.time.Instant;
import java.util.List;

/**
 * One reading of a source: its whole current state (the snapshot shown over REST and WebSocket), the samples
 * that go to history, alerting and Prometheus, and the events seen since the previous reading.
 *
 * @param status UP normally; DEGRADED when the source works with less than it should, NOT_CONFIGURED when it has
 *        nothing to watch yet (the detail says why)
 */
public record SourceUpdate(String source, Instant ts, Object snapshot, List<Sample> samples, List<StreamEvent> events,
        SourceStatus status, String detail) {

    public SourceUpdate {
        samples = samples == null ? List.of() : List.copyOf(samples);
        events = events == null ? List.of() : List.copyOf(events);
        status = status == null ? SourceStatus.UP : status;
    }

    public static SourceUpdate up(String source, Instant ts, Object snapshot, List<Sample> samples, List<StreamEvent> events) {
        return new SourceUpdate(source, ts, snapshot, samples, events, SourceStatus.UP, null);
    }

    public static SourceUpdate notConfigured(String source, Instant ts, Object snapshot, String why) {
        return new SourceUpdate(source, ts, snapshot, List.of(), List.of(), SourceStatus.NOT_CONFIGURED, why);
    }

    public SourceUpdate degraded(String why) {
        return new SourceUpdate(source, ts, snapshot, samples, events, SourceStatus.DEGRADED, why);
    }
}
