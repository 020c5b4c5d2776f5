package io.vigil.notify;

import java.time.Instant;

/** One delivery on record: an alert episode went to a receiver as {@code kind} (firing, repeat-N, resolved). */
public record SentRecord(String episode, String kind, Instant at) {

    public boolean firingOrRepeat() {
        return kind.equals(DedupeStage.FIRING) || kind.startsWith(DedupeStage.REPEAT);
    }
}
