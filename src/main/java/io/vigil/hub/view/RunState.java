package io.vigil.hub.view;

/** The state of a VENUS run, as Vigil names it. */
public enum RunState {

    RUNNING, PAUSED, COMPLETE, ABORTED, ERROR, UNKNOWN;

    /** The robot is busy while a run is running or paused. */
    public boolean busy() {
        return this == RUNNING || this == PAUSED;
    }

    public boolean terminal() {
        return this == COMPLETE || this == ABORTED || this == ERROR;
    }
}
