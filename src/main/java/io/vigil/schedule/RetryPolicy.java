package io.vigil.schedule;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;

/**
 * One retry policy for a schedule's failed executions, whether the launch failed or the run did: up to
 * {@code maxRetries} more attempts, the n-th after {@code retryDelay} (fixed), n·delay (linear) or 2ⁿ⁻¹·delay
 * (exponential), never more than a day.
 */
public record RetryPolicy(int maxRetries, @DurationMax(days = 1, message = "must be at most a day") Duration retryDelay,
        String backoff) {

    private static final Duration CAP = Duration.ofDays(1);

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ofMinutes(2), "fixed");
    }

    public RetryPolicy validate() {
        if (maxRetries < 0 || maxRetries > 20) {
            throw new InvalidScheduleException("retry.max_retries", "must be within 0..20, got " + maxRetries);
        }
        if (retryDelay == null || retryDelay.isNegative()) {
            throw new InvalidScheduleException("retry.retry_delay", "must be a duration of zero or more");
        }
        if (!"fixed".equals(backoff) && !"linear".equals(backoff) && !"exponential".equals(backoff)) {
            throw new InvalidScheduleException("retry.backoff", "'" + backoff + "' is not fixed, linear or exponential");
        }
        return this;
    }

    /** The delay before retry number {@code n} (1 for the first retry). */
    public Duration delayBefore(int n) {
        Duration d = switch (backoff) {
            case "linear" -> retryDelay.multipliedBy(n);
            case "exponential" -> retryDelay.multipliedBy(1L << Math.min(n - 1, 20));
            default -> retryDelay;
        };
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
