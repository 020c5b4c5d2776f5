package io.vigil.alert;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.google.re2j.Pattern;

import io.vigil.validation.OneLine;

/**
 * An Alertmanager label matcher: {@code name = value}, {@code !=}, {@code =~} (regex) or {@code !~}. A regex is RE2
 * syntax and must match the whole label value, as in Prometheus; a missing label matches as the empty string.
 *
 * @param regex the compiled {@code value} of a regex matcher (null otherwise), derived by the constructor: compiled
 *        once, not per alert per evaluation, and never out of step with {@code value}
 */
public record Matcher(@OneLine(max = 100) String name, @OneLine(max = 1000) String value, Boolean isRegex, Boolean isEqual,
        @JsonIgnore Pattern regex) {

    /** Unless said otherwise a matcher is an equality, not a regex. */
    public Matcher {
        isRegex = isRegex != null && isRegex;
        isEqual = isEqual == null || isEqual;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("matchers: every matcher needs a name");
        }
        if (value == null) {
            throw new IllegalArgumentException("matchers: matcher '" + name + "' needs a value");
        }
        regex = isRegex ? compile(name, value, isEqual) : null;
    }

    public Matcher(String name, String value, Boolean isRegex, Boolean isEqual) {
        this(name, value, isRegex, isEqual, null);
    }

    private static Pattern compile(String name, String value, boolean isEqual) {
        try {
            return LabelRegex.compile(value);
        } catch (IllegalArgumentException e) {
            String op = isEqual ? "=~" : "!~";
            throw new IllegalArgumentException("matcher " + name + op + "'" + value + "': " + e.getMessage());
        }
    }

    @JsonIgnore
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        boolean hit = isRegex ? regex.matches(actual) : value.equals(actual);
        return hit == isEqual;
    }
}
