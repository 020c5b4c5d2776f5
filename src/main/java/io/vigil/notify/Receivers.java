package io.vigil.notify;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * The configured receivers, as the pipeline and the receiver check look them up. Implemented where the receivers are
 * made, so that nothing here depends on the packages of particular receivers.
 */
public interface Receivers {

    Optional<Receiver> get(String name);

    Collection<Receiver> all();

    /** Least time before an unchanged, still firing group goes to this receiver again. */
    Duration repeatInterval(String receiver);

    /** Whether acknowledged alerts are repeated to this receiver too (Alertmanager forgets what is not sent again). */
    boolean repeatsAcknowledged(String receiver);
}
