package io.vigil.notify;

import java.time.Instant;
import java.util.List;

import io.vigil.alert.Alert;

/**
 * The state of one group when its timer fires: the alerts it holds (firing and resolved), how many the silence stage
 * took out, and whether anything changed since the group's previous flush.
 */
public record Flush(GroupKey group, List<Alert> alerts, int silenced, boolean changed, Instant at) {

    public Flush {
        alerts = List.copyOf(alerts);
    }

    public String receiver() {
        return group.receiver();
    }
}
