package io.vigil.hub;

/**
 * What the hub knows of a source. {@code STARTING} lasts until its first reading or failure. {@code NOT_CONFIGURED}
 * is a source that is on but has nothing to watch yet (no lab database given): not a failure, no alert, readiness
 * holds; it becomes UP as soon as what it watches appears.
 */
public enum SourceStatus {
    STARTING, UP, DEGRADED, DOWN, DISABLED, NOT_CONFIGURED
}
