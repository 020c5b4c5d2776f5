package io.vigil.notify.message;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vigil.notify.Notification;

/**
 * Subject and body templates with Prometheus-style placeholders: {@code {{ $labels.host }}}, {@code {{ $value }}}.
 * Variables of a message:
 * <ul>
 * <li>{@code $status} FIRING, RESOLVED or NOTICE (only events); {@code $count}, {@code $firing}, {@code $resolved},
 * {@code $notices} numbers of alerts and events; {@code $tally} those in words ({@code 1 firing and 0 resolved
 * alert(s)}, {@code 1 event})</li>
 * <li>{@code $severity} the highest severity; {@code $value} the first alert's value</li>
 * <li>{@code $labels.NAME}, {@code $annotations.NAME} those common to every alert of the message</li>
 * <li>{@code $group} the group's labels; {@code $receiver}; {@code $externalURL}</li>
 * <li>{@code $alerts} a few lines per alert, with links to the dashboard; {@code $message} the text of a test
 * notification</li>
 * </ul>
 * A label missing from the alerts renders empty; an unknown variable is left as written, so a typo shows.
 */
public final class MessageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\$([A-Za-z]+)(?:\\.([A-Za-z0-9_\\-]+))?\\s*}}");

    private MessageTemplate() {
    }

    public static String render(String template, Notification n, MessageContext context) {
        return render(template, n, context, UnaryOperator.identity(), Map.of());
    }

    /**
     * For markup: every value goes through {@code escape}; the {@code markup} variables (already escaped, by name
     * without the {@code $}) go in as they are.
     */
    public static String render(String template, Notification n, MessageContext context, UnaryOperator<String> escape,
            Map<String, String> markup) {
        Map<String, String> labels = n.commonLabels();
        Map<String, String> annotations = n.commonAnnotations();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2) == null ? markup.get(m.group(1)) : null;
            if (value == null) {
                value = resolve(m.group(1), m.group(2), n, labels, annotations, context);
                value = value == null ? m.group() : escape.apply(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String name, String key, Notification n, Map<String, String> labels,
            Map<String, String> annotations, MessageContext context) {
        if (key != null) {
            return switch (name) {
                case "labels" -> labels.getOrDefault(key, "");
                case "annotations" -> annotations.getOrDefault(key, "");
                default -> null;
            };
        }
        return switch (name) {
            case "status" -> n.status().toUpperCase(Locale.ROOT);
            case "count" -> Integer.toString(n.alerts().size());
            case "firing" -> Integer.toString(n.firing().size());
            case "resolved" -> Integer.toString(n.resolved().size());
            case "notices" -> Integer.toString(n.notices().size());
            case "tally" -> n.tally();
            case "severity" -> n.highestSeverity().label();
            case "value" -> n.alerts().isEmpty() ? "" : AlertText.value(n.alerts().get(0).value());
            case "group" -> n.group().labelsText();
            case "receiver" -> n.receiver();
            case "externalURL" -> context.externalUrl();
            case "message" -> n.testMessage() == null ? "" : n.testMessage();
            case "alerts" -> n.alerts().stream().map(a -> AlertText.block(a, context, !n.test()))
                    .collect(Collectors.joining("\n")).stripTrailing();
            default -> null;
        };
    }
}
