package io.vigil.source.services;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the services source checks peer services. What to check is defined elsewhere ({@code vigil.services."name".*},
 * {@code SERVICE_URLS}, {@code /api/v1/services}); these settings say how often the source reports and how many checks
 * may run at once.
 */
@ConfigMapping(prefix = "vigil.service-checks")
public interface ServiceChecksConfig {

    /** Whether peer services are checked at all. */
    @WithDefault("true")
    boolean enabled();

    /** Whether Vigil stays ready while the source itself fails (a peer being down never makes Vigil unready). */
    @WithDefault("true")
    boolean optional();

    /** How often the source looks for due checks and reports every target's state to the hub. */
    @WithDefault("1s")
    Duration tick();

    /** Most checks under way at once; a due check waits for a free slot, never for another target's answer. */
    @WithDefault("16")
    int maxConcurrent();

    /** Consecutive failed checks that make an UP (or new) target DOWN. */
    @WithDefault("3")
    int failuresToDown();

    /** Consecutive successful checks that make a DOWN target UP again. */
    @WithDefault("2")
    int successesToUp();

    /** The sliding window over which response-time percentiles and the error ratio are taken. */
    @WithDefault("5m")
    Duration window();

    /** Slices the window is kept in; it moves forward one slice at a time. */
    @WithDefault("10")
    int windowBuckets();

    /** At most this much of a body is read for a body or JSON condition. */
    @WithDefault("65536")
    int maxBodyBytes();
}
