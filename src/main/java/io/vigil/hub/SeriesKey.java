package io.vigil.hub;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A series name with its labels; {@link #toString()} gives the PromQL-like form {@code name{a="b"}}. */
public record SeriesKey(String name, Map<String, String> labels) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*");

    public SeriesKey {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /**
     * Parses {@code host.cpu.percent} or {@code host.gpu.memory.percent{gpu="0"}}.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not a series selector
     */
    public static SeriesKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("series is required, e.g. host.cpu.percent or host.gpu.memory.percent{gpu=\"0\"}");
        }
        String trimmed = text.trim();
        int brace = trimmed.indexOf('{');
        String name = brace < 0 ? trimmed : trimmed.substring(0, brace);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a series name (letters, digits, '_' and '.')");
        }
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0) {
            if (!trimmed.endsWith("}")) {
                throw new IllegalArgumentException("label matchers must end with '}': " + trimmed);
            }
            String body = trimmed.substring(brace + 1, trimmed.length() - 1);
            if (!body.isBlank()) {
                for (String part : body.split(",")) {
                    Matcher m = LABEL.matcher(part);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("'" + part.trim() + "' is not a label matcher like gpu=\"0\"");
                    }
                    labels.put(m.group(1), m.group(2));
                }
            }
        }
        return new SeriesKey(name, labels);
    }

    /** True when this key has the given name and carries every label of the selector. */
    public boolean matches(SeriesKey selector) {
        return name.equals(selector.name()) && labels.entrySet().containsAll(selector.labels().entrySet());
    }

    @Override
    public String toString() {
        if (labels.isEmpty()) {
            return name;
        }
        return name + labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
