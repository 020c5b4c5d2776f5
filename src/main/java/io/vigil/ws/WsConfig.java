package io.vigil.ws;

import io.smallrye.config.ConfigMapping;

/** How /ws/metrics takes dashboards on. */
@ConfigMapping(prefix = "vigil.ws")
public interface WsConfig {

    /**
     * A new dashboard is refused (HTTP 503, Retry-After) while the heap in use after the last collection of its
     * old generation is at or above this percentage of that generation's maximum; 100 never refuses.
     */
    int refuseAboveHeapPercent();
}
