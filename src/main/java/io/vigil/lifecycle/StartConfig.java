package io.vigil.lifecycle;

import io.smallrye.config.ConfigMapping;

/** How Vigil finishes starting. */
@ConfigMapping(prefix = "vigil.start")
public interface StartConfig {

    /**
     * Whether the work that observes {@link Started} runs after the HTTP port opens (true: Vigil is ready in about
     * half the time) or before it, as part of Quarkus' start-up (false: everything is in place when the first request
     * comes, which the in-process tests rely on).
     */
    boolean inBackground();
}
