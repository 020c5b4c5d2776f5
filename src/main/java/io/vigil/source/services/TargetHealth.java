package io.vigil.source.services;

import java.time.Instant;

/**
 * Whether a target is UP or DOWN, with hysteresis: a new target is UNKNOWN until its first success (UP) or its
 * {@code failuresToDown}-th consecutive failure (DOWN); an UP target turns DOWN after that many consecutive failures,
 * and a DOWN one UP after {@code successesToUp} consecutive successes. One flaky answer never flips it. Not
 * thread-safe: its owner records one result at a time.
 */
final class TargetHealth {

    enum State {
        UNKNOWN, UP, DOWN
    }

    /** A change of state, and when it happened. */
    record Change(State previous, State current, Instant at) {
    }

    private final int failuresToDown;
    private final int successesToUp;
    private State state = State.UNKNOWN;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Instant since;

    TargetHealth(int failuresToDown, int successesToUp, Instant created) {
        if (failuresToDown < 1 || successesToUp < 1) {
            throw new IllegalArgumentException("failures-to-down and successes-to-up must be at least 1");
        }
        this.failuresToDown = failuresToDown;
        this.successesToUp = successesToUp;
        this.since = created;
    }

    /** @return the change this result makes, or null */
    Change record(boolean ok, Instant at) {
        if (ok) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
        } else {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
        }
        State next = switch (state) {
            case UNKNOWN -> ok ? State.UP : consecutiveFailures >= failuresToDown ? State.DOWN : State.UNKNOWN;
            case UP -> !ok && consecutiveFailures >= failuresToDown ? State.DOWN : State.UP;
            case DOWN -> ok && consecutiveSuccesses >= successesToUp ? State.UP : State.DOWN;
        };
        if (next == state) {
            return null;
        }
        Change change = new Change(state, next, at);
        state = next;
        since = at;
        return change;
    }

    State state() {
        return state;
    }

    /** When the current state began (creation for UNKNOWN). */
    Instant since() {
        return since;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    int consecutiveSuccesses() {
        return consecutiveSuccesses;
    }
}
