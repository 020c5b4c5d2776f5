package io.vigil.hub;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Jittered exponential back-off that starts over after a success: min, 2·min, 4·min … capped at max, each delay
 * spread by ±jitter so replicas that lost the same broker do not reconnect in lock-step.
 */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < min <= max, got " + min + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.min = min;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    public Backoff(Duration min, Duration max, double jitter) {
        this(min, max, jitter, Math::random);
    }

    /** The delay before the next attempt; each call doubles the base delay up to max. */
    public synchronized Duration next() {
        double base = Math.min(max.toMillis(), min.toMillis() * Math.pow(2, Math.min(attempt, 30)));
        attempt++;
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(max.toMillis(), base * spread))));
    }

    public synchronized void reset() {
        attempt = 0;
    }

    public synchronized int attempts() {
        return attempt;
    }
}
