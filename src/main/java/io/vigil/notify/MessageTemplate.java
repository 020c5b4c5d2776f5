package io.vigil.notify;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Subject and body templates with Prometheus-style placeholders: {@code {{ $labels.host }}}, {@code {{ $value }}}.
 * Variables of a message:
 * <ul>
 * <li>{@code $status} FIRING or RESOLVED; {@code $count}, {@code $firing}, {@code $resolved} numbers of alerts</li>
 * <li>{@code $severity} the highest severity; {@code $value} the first alert's value</li>
 * <li>{@code $labels.NAME}, {@code $annotations.NAME} those common to every alert of the message</li>
 * <li>{@code $group} the group's labels; {@code $receiver}; {@code $externalURL}</li>
 * <li>{@code $alerts} one line per alert; {@code $message} the text of a test notification</li>
 * </ul>
 * A label missing from the alerts renders empty; an unknown variable is left as written, so a typo shows.
 */
public final class MessageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\$([A-Za-z]+)(?:\\.([A-Za-z0-9_\\-]+))?\\s*}}");

    private MessageTemplate() {
    }

    public static String render(String template, Notification n, String externalUrl) {
        Map<String, String> labels = n.commonLabels();
        Map<String, String> annotations = n.commonAnnotations();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolve(m.group(1), m.group(2), n, labels, annotations, externalUrl);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String name, String key, Notification n, Map<String, String> labels,
            Map<String, String> annotations, String externalUrl) {
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
            case "severity" -> n.highestSeverity().label();
            case "value" -> n.alerts().isEmpty() ? "" : AlertText.value(n.alerts().get(0).value());
            case "group" -> n.group().labelsText();
            case "receiver" -> n.receiver();
            case "externalURL" -> externalUrl;
            case "message" -> n.testMessage() == null ? "" : n.testMessage();
            case "alerts" -> n.alerts().stream().map(AlertText::line).collect(Collectors.joining("\n"));
            default -> null;
        };
    }
}
