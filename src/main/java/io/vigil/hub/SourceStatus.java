package io.vigil.hub;

/** What the hub knows of a source. {@code STARTING} lasts until its first reading or failure. */
public enum SourceStatus {
    STARTING, UP, DEGRADED, DOWN, DISABLED
}
