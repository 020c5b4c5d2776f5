package io.vigil.alert;

/** Prometheus' alert states, plus RESOLVED for an alert that fired and stopped. */
public enum AlertState {
    INACTIVE, PENDING, FIRING, RESOLVED
}
