package io.vigil.hub;

import io.smallrye.mutiny.Multi;

/**
 * A data source: a stream of readings and nothing more. It knows no consumer; the {@link MetricsHub} subscribes,
 * and resubscribes with back-off when the stream fails.
 */
public interface MetricSource {

    /** Short name, also the WebSocket topic and the {@code source} of its updates. */
    String name();

    /** A cold stream: each subscription starts reading afresh. Failing it marks the source DOWN. */
    Multi<SourceUpdate> stream();

    default boolean enabled() {
        return true;
    }

    /** An optional source being down does not make Vigil unready. */
    default boolean optional() {
        return false;
    }
}
