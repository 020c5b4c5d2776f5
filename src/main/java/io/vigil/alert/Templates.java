package io.vigil.alert;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style annotation templates: {@code {{ $value }}} and {@code {{ $labels.name }}}. */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\$(value|labels\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*}}");

    private Templates() {
    }

    public static String render(String template, Map<String, String> labels, double value) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) == null ? format(value) : labels.getOrDefault(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
    }
}
