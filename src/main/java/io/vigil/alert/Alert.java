package io.vigil.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One alert: a rule's condition for one label set. {@code id} is a stable fingerprint of the rule name and labels,
 * so the same condition on the same series is the same alert across restarts.
 *
 * @param activeAt when the condition first held (pending since)
 * @param firedAt when it started firing in this episode; null while pending
 * @param resolvedAt when it stopped firing; null unless RESOLVED
 * @param stale the series stopped arriving (its source is down): the state is kept, not resolved
 * @param silencedBy the silence muting it, or null
 * @param receivers receiver names the rule sends to; empty means every receiver
 * @param reason why Vigil ended it when its condition did not ({@code rule deleted}, {@code rule disabled},
 *        {@code rule changed}); null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(String id, String rule, Severity severity, AlertState state, Map<String, String> labels,
        Map<String, String> annotations, double value, Instant activeAt, Instant firedAt, Instant resolvedAt,
        Instant updatedAt, boolean stale, String silencedBy, Acknowledgement ack, List<String> receivers, String reason) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    public Alert(String id, String rule, Severity severity, AlertState state, Map<String, String> labels,
            Map<String, String> annotations, double value, Instant activeAt, Instant firedAt, Instant resolvedAt,
            Instant updatedAt, boolean stale, String silencedBy, Acknowledgement ack, List<String> receivers) {
        this(id, rule, severity, state, labels, annotations, value, activeAt, firedAt, resolvedAt, updatedAt, stale,
                silencedBy, ack, receivers, null);
    }

    /**
     * A notice: an event that fired and resolved at the same instant (an event rule with {@code keep_firing_for: 0s}).
     * It is notified once and recorded, but never held as an active alert.
     */
    public boolean notice() {
        return state == AlertState.RESOLVED && firedAt != null && firedAt.equals(resolvedAt);
    }

    public boolean silenced() {
        return silencedBy != null;
    }

    public boolean acknowledged() {
        return ack != null;
    }

    /** The firing episode this alert is in: what the notification log dedupes on. */
    public String episodeKey() {
        return id + "@" + (firedAt == null ? "pending" : firedAt.toEpochMilli());
    }
}
