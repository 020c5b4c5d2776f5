package io.vigil.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;

/** Alerts written for people: one line each for message bodies, the full record for the summary attachment. */
public final class AlertText {

    private AlertText() {
    }

    /** {@code [FIRING] HighCpu critical {host="lab1"} value=97.3 since 2026-11-25T10:00:00Z — CPU above 90 %}. */
    public static String line(Alert alert) {
        StringBuilder out = new StringBuilder()
                .append('[').append(alert.state().name()).append("] ")
                .append(alert.rule()).append(' ').append(alert.severity().label());
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.remove("alertname");
        labels.remove("severity");
        if (!labels.isEmpty()) {
            out.append(' ').append(labelsText(labels));
        }
        out.append(" value=").append(value(alert.value()));
        if (alert.state() == AlertState.RESOLVED && alert.resolvedAt() != null) {
            out.append(" resolved ").append(alert.resolvedAt());
        } else if (alert.firedAt() != null) {
            out.append(" since ").append(alert.firedAt());
        }
        if (alert.acknowledged()) {
            out.append(" (acknowledged by ").append(alert.ack().by()).append(')');
        }
        String summary = alert.annotations().get("summary");
        if (summary != null && !summary.isBlank()) {
            out.append(" — ").append(summary);
        }
        return out.toString();
    }

    /** Every field of the alert, one per line, for the summary attachment. */
    public static String details(Alert alert) {
        StringBuilder out = new StringBuilder();
        out.append("alert:        ").append(alert.rule()).append('\n');
        out.append("state:        ").append(alert.state().name().toLowerCase(Locale.ROOT)).append('\n');
        out.append("severity:     ").append(alert.severity().label()).append('\n');
        out.append("value:        ").append(value(alert.value())).append('\n');
        out.append("labels:       ").append(labelsText(alert.labels())).append('\n');
        new TreeMap<>(alert.annotations()).forEach((k, v) -> out.append("annotation:   ").append(k).append(": ").append(v).append('\n'));
        appendTime(out, "active since", alert.activeAt());
        appendTime(out, "firing since", alert.firedAt());
        appendTime(out, "resolved at", alert.resolvedAt());
        if (alert.acknowledged()) {
            out.append("acknowledged: by ").append(alert.ack().by()).append(" at ").append(alert.ack().at());
            if (alert.ack().note() != null && !alert.ack().note().isBlank()) {
                out.append(" (").append(alert.ack().note()).append(')');
            }
            out.append('\n');
        }
        out.append("id:           ").append(alert.id()).append('\n');
        return out.toString();
    }

    public static String labelsText(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A value without noise: 97.3, 12, 0.0042. */
    public static String value(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void appendTime(StringBuilder out, String name, Instant at) {
        if (at != null) {
            out.append(String.format(Locale.ROOT, "%-13s %s%n", name + ":", at));
        }
    }
}
