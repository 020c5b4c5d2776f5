package io.vigil.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** amtool's matcher syntax: {@code name="value"}, {@code name!=value}, {@code name=~"re.*"}, {@code name!~re}. */
final class Matchers {

    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    private Matchers() {
    }

    /** The matcher as Vigil's API takes it: {@code {"name","value","is_regex","is_equal"}}. */
    static Map<String, Object> parse(String text) {
        Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new CliFailure(2, "'" + text + "' is not a matcher: write name=\"value\", name!=value, name=~\"regex\" or"
                    + " name!~regex");
        }
        String value = m.group(3);
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.group(1));
        out.put("value", value);
        out.put("is_regex", m.group(2).contains("~"));
        out.put("is_equal", !m.group(2).startsWith("!"));
        return out;
    }

    static List<Map<String, Object>> parseAll(List<String> texts) {
        return texts.stream().map(Matchers::parse).toList();
    }
}
