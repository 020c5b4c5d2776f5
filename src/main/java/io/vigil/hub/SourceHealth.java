package io.vigil.hub;

import java.time.Instant;

/**
 * A source's status as the hub last saw it. {@code lastError} and {@code lastErrorAt} describe the failure it is in:
 * set while it is DOWN, null once it reads again.
 */
public record SourceHealth(String source, SourceStatus status, boolean optional, Instant since, Instant lastSuccess,
        String lastError, Instant lastErrorAt, String detail) {

    public static SourceHealth starting(String source, boolean optional, Instant now) {
        return new SourceHealth(source, SourceStatus.STARTING, optional, now, null, null, null, null);
    }

    public static SourceHealth disabled(String source, boolean optional, Instant now) {
        return new SourceHealth(source, SourceStatus.DISABLED, optional, now, null, null, null, "disabled by configuration");
    }

    /**
     * A reading arrived: the source works again, so the error it had no longer describes it and is dropped (the log
     * and the DOWN status change that carried it are its history).
     */
    SourceHealth succeeded(SourceStatus newStatus, String newDetail, Instant at) {
        return new SourceHealth(source, newStatus, optional, newStatus == status ? since : at, at, null, null, newDetail);
    }

    SourceHealth failed(String error, Instant at) {
        return new SourceHealth(source, SourceStatus.DOWN, optional, status == SourceStatus.DOWN ? since : at, lastSuccess,
                error, at, null);
    }

    /**
     * Whether this source keeps Vigil from being ready: a required one that is down. One still starting does not, so
     * that a slow first connect never holds up the API and the dashboards (it is DOWN, and unready, once it fails).
     */
    public boolean blocksReadiness() {
        return !optional && status == SourceStatus.DOWN;
    }
}
