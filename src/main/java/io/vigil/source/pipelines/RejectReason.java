package io.vigil.source.pipelines;

import java.util.Locale;

/** Why a message was acked without being counted: the {@code reason} label of {@code pipelines.rejected}. */
public enum RejectReason {

    /** Larger than {@code vigil.pipelines.max-message-bytes}; not even parsed. */
    TOO_LARGE,
    /** Not JSON at all, or empty. */
    NOT_JSON,
    /** JSON, but a required field is absent or null. */
    MISSING_FIELD,
    /** A field, or the message itself, has the wrong JSON type (e.g. an array instead of an object). */
    WRONG_TYPE,
    /** A field holds a value outside its vocabulary (e.g. {@code "status":"maybe"}). */
    BAD_VALUE,
    /** A timestamp that is neither ISO-8601 nor epoch milliseconds. */
    BAD_TIMESTAMP,
    /** A timestamp that reads, but lies before 1970 or after 9999: no clock wrote it, and no latency comes from it. */
    TIMESTAMP_OUT_OF_RANGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
