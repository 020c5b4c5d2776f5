package io.vigil.schedule;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an execution is. */
public enum ExecutionStatus {

    PENDING, WAITING_CAPACITY, RUNNING, COMPLETED, FAILED, ABORTED, SKIPPED, CANCELLED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == ABORTED || this == SKIPPED || this == CANCELLED;
    }
}
