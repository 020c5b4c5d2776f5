package io.vigil.notify;

/** How a group's flush ended. Anything but FAILED lets the group forget the resolved alerts it has dealt with. */
public enum FlushResult {
    /** Nothing in the group was due. */
    NOTHING_DUE,
    /** The receiver took the message. */
    DELIVERED,
    /** The receiver had nobody to send it to; recorded so it is not tried again. */
    SKIPPED,
    /** Every attempt failed; the group's next flush tries again. */
    FAILED
}
