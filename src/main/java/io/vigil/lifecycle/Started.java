package io.vigil.lifecycle;

import java.time.Instant;

/**
 * Fired once when Vigil has started and answers HTTP: the start-up work that need not hold up readiness (restoring
 * the history, loading alert rules, starting the sources, the demo) observes this instead of Quarkus'
 * {@code StartupEvent}, in {@code @Priority} order as before, on one worker thread.
 *
 * @param at when the start-up observers before it had run
 */
public record Started(Instant at) {
}
