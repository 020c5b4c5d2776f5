package io.vigil.source.services;

import java.time.Instant;
import java.util.List;

/**
 * What the services source knows of every target, as {@code /api/v1/metrics/services} shows it. Times in seconds; a
 * value that was not measured is null. Header values are never part of it.
 */
record ServicesSnapshot(int up, int down, int unknown, List<Service> services, Instant ts) {

    /**
     * One target.
     *
     * @param state UNKNOWN until the first success or enough failures, then UP or DOWN (with hysteresis)
     * @param since when the current state began
     * @param checking whether a check is under way now
     */
    record Service(String name, String url, String origin, String state, Instant since, boolean checking, Instant lastCheck,
            Boolean lastOk, String lastError, Integer statusCode, Double responseTimeSeconds, Double p50Seconds,
            Double p95Seconds,
            Double p99Seconds, Double errorRatio, long checksInWindow, int consecutiveFailures, int consecutiveSuccesses,
            Double dnsSeconds, Double connectSeconds, Double tlsSeconds, Instant certificateExpires, Double certificateDaysLeft,
            Double intervalSeconds, Double timeoutSeconds, List<String> headerNames) {
    }
}
