package io.vigil.hub;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** How the hub supervises sources and serves consumers. */
@ConfigMapping(prefix = "vigil.hub")
public interface HubConfig {

    /** First delay before a failed source is subscribed again. */
    @WithName("backoff.min")
    Duration backoffMin();

    /** Longest delay between attempts of a failed source. */
    @WithName("backoff.max")
    Duration backoffMax();

    /** Spread of each delay, as a fraction (0.2 = ±20 %). */
    @WithName("backoff.jitter")
    double backoffJitter();

    /** Messages a slow consumer may have pending before the oldest is dropped (states are conflated first). */
    int maxPendingPerConsumer();
}
