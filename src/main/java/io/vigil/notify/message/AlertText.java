package io.vigil.notify.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;

/**
 * Alerts written for people: a line each for chat messages, a short block each for email bodies, the full record for
 * the summary attachment.
 */
public final class AlertText {

    /** Labels the alert's name and severity already say. */
    private static final Set<String> SAID = Set.of("alertname", "severity");
    private static final String INDENT = "    ";

    private AlertText() {
    }

    /** {@code [FIRING] HighCpu (warning): CPU above 90 % — host: lab1 · value 97.3 · since 2026-11-25 11:00:00 CET}. */
    public static String line(Alert alert, MessageContext context) {
        List<String> facts = new ArrayList<>();
        String where = where(alert.labels());
        if (!where.isEmpty()) {
            facts.add(where);
        }
        facts.add("value " + value(alert.value()));
        String when = when(alert, context);
        if (!when.isEmpty()) {
            facts.add(when);
        }
        if (alert.acknowledged()) {
            facts.add("acknowledged by " + alert.ack().by());
        }
        return title(alert) + " — " + String.join(" · ", facts);
    }

    /**
     * The alert in a few lines, for an email's text:
     *
     * <pre>
     * [FIRING] HighCpu (warning): CPU above 90 %
     *     host: lab1
     *     since 2026-11-25 11:00:00 CET, value 97.3
     *     Open:        http://vigil:8080/?alert=...#alerts
     *     Acknowledge: http://vigil:8080/?ack=...#alerts
     * </pre>
     *
     * @param links whether to add the dashboard links (not for a test alert, which the dashboard does not know)
     */
    public static String block(Alert alert, MessageContext context, boolean links) {
        StringBuilder out = new StringBuilder(title(alert)).append('\n');
        String where = where(alert.labels());
        if (!where.isEmpty()) {
            out.append(INDENT).append(where).append('\n');
        }
        String when = when(alert, context);
        out.append(INDENT).append(when.isEmpty() ? "" : when + ", ").append("value ").append(value(alert.value())).append('\n');
        if (alert.acknowledged()) {
            out.append(INDENT).append("acknowledged by ").append(alert.ack().by());
            if (alert.ack().note() != null && !alert.ack().note().isBlank()) {
                out.append(": ").append(alert.ack().note());
            }
            out.append('\n');
        }
        if (links) {
            out.append(INDENT).append("Open:        ").append(context.alertUrl(alert.id())).append('\n');
            if (acknowledgeable(alert)) {
                out.append(INDENT).append("Acknowledge: ").append(context.ackUrl(alert.id())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code [FIRING] HighCpu (warning): CPU above 90 %}; without the summary when the alert has none. */
    public static String title(Alert alert) {
        String summary = summary(alert);
        return "[" + status(alert) + "] " + alert.rule() + " (" + alert.severity().label() + ")"
                + (summary.isEmpty() ? "" : ": " + summary);
    }

    /** FIRING, RESOLVED, or NOTICE for an event that fired and resolved at once (nothing had been firing). */
    public static String status(Alert alert) {
        return alert.notice() ? "NOTICE" : alert.state().name();
    }

    /** The alert's summary annotation, or empty. */
    public static String summary(Alert alert) {
        String summary = alert.annotations().get("summary");
        return summary == null ? "" : summary.strip();
    }

    /** {@code host: lab1, source: experiments}: the labels besides the name and severity, by name. */
    public static String where(Map<String, String> labels) {
        return String.join(", ", whereEach(labels));
    }

    /** {@code host: lab1}, {@code source: experiments}: one per label besides the name and severity, by name. */
    public static List<String> whereEach(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().filter(e -> !SAID.contains(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /** {@code since 2026-11-25 11:00:00 CET}, {@code resolved ...} or a notice's {@code at ...}; empty when the alert has no time yet. */
    public static String when(Alert alert, MessageContext context) {
        if (alert.notice()) {
            return "at " + context.time(alert.firedAt());
        }
        if (alert.state() == AlertState.RESOLVED && alert.resolvedAt() != null) {
            return "resolved " + context.time(alert.resolvedAt());
        }
        Instant since = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        return since == null ? "" : "since " + context.time(since);
    }

    /** Firing and nobody has acknowledged it yet: the dashboard offers to acknowledge it. */
    public static boolean acknowledgeable(Alert alert) {
        return alert.state() == AlertState.FIRING && !alert.acknowledged();
    }

    /** Every field of the alert, one per line, for the summary attachment. */
    public static String details(Alert alert) {
        StringBuilder out = new StringBuilder();
        out.append("alert:        ").append(alert.rule()).append('\n');
        out.append("state:        ").append(alert.state().name().toLowerCase(Locale.ROOT)).append('\n');
        out.append("severity:     ").append(alert.severity().label()).append('\n');
        out.append("value:        ").append(value(alert.value())).append('\n');
        out.append("labels:       ").append(labelsText(alert.labels())).append('\n');
        new TreeMap<>(alert.annotations())
                .forEach((k, v) -> out.append("annotation:   ").append(k).append(": ").append(v).append('\n'));
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
