package io.vigil.hub;

import java.time.Instant;

/** A source's status as the hub last saw it. */
public record SourceHealth(String source, SourceStatus status, boolean optional, Instant since, Instant lastSuccess,
        String lastError, Instant lastErrorAt, String detail) {

    public static SourceHealth starting(String source, boolean optional, Instant now) {
        return new SourceHealth(source, SourceStatus.STARTING, optional, now, null, null, null, null);
    }

    public static SourceHealth disabled(String source, boolean optional, Instant now) {
        return new SourceHealth(source, SourceStatus.DISABLED, optional, now, null, null, null, "disabled by configuration");
    }

    SourceHealth succeeded(SourceStatus newStatus, String newDetail, Instant at) {
        return new SourceHealth(source, newStatus, optional, newStatus == status ? since : at, at, lastError, lastErrorAt,
                newDetail);
    }

    SourceHealth failed(String error, Instant at) {
        return new SourceHealth(source, SourceStatus.DOWN, optional, status == SourceStatus.DOWN ? since : at, lastSuccess,
                error, at, null);
    }

    /** Whether this source keeps Vigil from being ready. */
    public boolean blocksReadiness() {
        return !optional && (status == SourceStatus.DOWN || status == SourceStatus.STARTING);
    }
}
