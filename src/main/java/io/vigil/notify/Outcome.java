package io.vigil.notify;

import java.util.Locale;

/** How one attempt to notify ended, as the log and the metrics name it. */
public enum Outcome {

    /** The receiver took the message. */
    SUCCESS,
    /** The attempt failed and another one is coming. */
    RETRYING,
    /** The attempt failed and it was the last one. */
    FAILED,
    /** Nothing was sent: nothing new, nobody to send it to, or the receiver is disabled. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
