package io.vigil.source.services;

import java.time.Duration;
import java.time.Instant;

/**
 * What one check of one target found. Phase times are null where they were not measured.
 *
 * @param statusCode the HTTP status, or null (TCP target, or no answer)
 * @param responseTime from the start of the check to the end of the answer (or of the connect for TCP)
 * @param certificateNotAfter the end of validity of the server's certificate, or null
 * @param error why the check failed, or null when it succeeded
 */
record CheckResult(String target, boolean ok, Integer statusCode, Duration responseTime, Duration dns, Duration connect,
        Duration tls, Instant certificateNotAfter, String error, Instant at) {
}
