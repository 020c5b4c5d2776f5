package io.vigil.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.alert.Acknowledgement;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;

/** Alerts as the alert engine hands them over, built in one line. */
public final class TestAlerts {

    private TestAlerts() {
    }

    /** A firing alert of {@code rule} with label {@code instance=<instance>}, going to {@code receivers}. */
    public static Alert firing(String rule, String instance, Severity severity, Instant firedAt, String... receivers) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("instance", instance);
        labels.put("severity", severity.label());
        return new Alert(rule + "/" + instance, rule, severity, AlertState.FIRING, labels,
                Map.of("summary", rule + " on " + instance, "description", "value above threshold"), 97.5,
                firedAt.minusSeconds(60), firedAt, null, firedAt, false, null, null, List.of(receivers));
    }

    public static Alert pending(String rule, String instance, Severity severity, Instant activeAt, String... receivers) {
        Alert a = firing(rule, instance, severity, activeAt, receivers);
        return new Alert(a.id(), a.rule(), a.severity(), AlertState.PENDING, a.labels(), a.annotations(), a.value(),
                activeAt, null, null, activeAt, false, null, null, a.receivers());
    }

    public static Alert resolved(Alert a, Instant at) {
        return new Alert(a.id(), a.rule(), a.severity(), AlertState.RESOLVED, a.labels(), a.annotations(), 12.0,
                a.activeAt(), a.firedAt(), at, at, false, a.silencedBy(), a.ack(), a.receivers());
    }

    public static Alert acknowledged(Alert a, String by, Instant at) {
        return new Alert(a.id(), a.rule(), a.severity(), a.state(), a.labels(), a.annotations(), a.value(),
                a.activeAt(), a.firedAt(), a.resolvedAt(), at, false, a.silencedBy(), new Acknowledgement(by, at, "on it"),
                a.receivers());
    }

    public static Alert silenced(Alert a, String silenceId) {
        return new Alert(a.id(), a.rule(), a.severity(), a.state(), a.labels(), a.annotations(), a.value(),
                a.activeAt(), a.firedAt(), a.resolvedAt(), a.updatedAt(), false, silenceId, a.ack(), a.receivers());
    }

    /** The alert with more labels (they join its own). */
    public static Alert withLabels(Alert a, Map<String, String> more) {
        Map<String, String> labels = new LinkedHashMap<>(a.labels());
        labels.putAll(more);
        return new Alert(a.id(), a.rule(), a.severity(), a.state(), labels, a.annotations(), a.value(),
                a.activeAt(), a.firedAt(), a.resolvedAt(), a.updatedAt(), false, a.silencedBy(), a.ack(), a.receivers());
    }

    public static Alert withAnnotations(Alert a, Map<String, String> annotations) {
        return new Alert(a.id(), a.rule(), a.severity(), a.state(), a.labels(), annotations, a.value(),
                a.activeAt(), a.firedAt(), a.resolvedAt(), a.updatedAt(), false, a.silencedBy(), a.ack(), a.receivers());
    }
}
