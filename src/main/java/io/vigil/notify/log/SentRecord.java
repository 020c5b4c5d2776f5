package io.vigil.notify.log;

import java.time.Instant;

/** One delivery on record: an alert episode went to a receiver as {@code kind} (firing, repeat-N, resolved). */
public record SentRecord(String episode, String kind, Instant at) {

    public static final String FIRING = "firing";
    /** Followed by the repeat's number: {@code repeat-1}, {@code repeat-2} … */
    public static final String REPEAT = "repeat-";
    public static final String RESOLVED = "resolved";

    public boolean firingOrRepeat() {
        return kind.equals(FIRING) || kind.startsWith(REPEAT);
    }
}
