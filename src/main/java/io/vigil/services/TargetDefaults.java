package io.vigil.services;

import java.time.Duration;

/** What a target that says nothing else gets. */
final class TargetDefaults {

    /** Three failed checks 10 s apart make a target DOWN; PeerServiceDown fires 30 s later. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TargetDefaults() {
    }
}
