package io.vigil.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vigil.alert.Alert;

/**
 * One group's flush as it goes through the stages: the alerts the group holds (firing and resolved) when its timer
 * fires, how many the silence stage took out, whether anything changed since the group's previous flush; then the
 * message that is due, or why none is; then how sending it ended.
 *
 * @param message the message the dedupe stage found due; empty before it ran or when nothing is due
 * @param reason why nothing is due, for the log; null while a message is due or the dedupe stage has not run
 * @param result how the flush ended so far: {@link FlushResult#NOTHING_DUE} until a message was sent or given up
 */
public record Flush(GroupKey group, List<Alert> alerts, int silenced, boolean changed, Instant at,
        Optional<Notification> message, String reason, FlushResult result) {

    public Flush {
        alerts = List.copyOf(alerts);
    }

    /** The group as its timer fires, before any stage. */
    public Flush(GroupKey group, List<Alert> alerts, int silenced, boolean changed, Instant at) {
        this(group, alerts, silenced, changed, at, Optional.empty(), null, FlushResult.NOTHING_DUE);
    }

    public String receiver() {
        return group.receiver();
    }

    /** The flush with only these alerts left, {@code silenced} of those taken out having been silenced. */
    public Flush withAlerts(List<Alert> kept, int silenced) {
        return new Flush(group, kept, silenced, changed, at, message, reason, result);
    }

    public Flush due(Notification notification) {
        return new Flush(group, alerts, silenced, changed, at, Optional.of(notification), null, result);
    }

    public Flush nothingDue(String why) {
        return new Flush(group, alerts, silenced, changed, at, Optional.empty(), why, result);
    }

    public Flush ended(FlushResult how) {
        return new Flush(group, alerts, silenced, changed, at, message, reason, how);
    }
}
