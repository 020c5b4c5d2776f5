package io.vigil.alert;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An Alertmanager label matcher: {@code name = value}, {@code !=}, {@code =~} (regex) or {@code !~}. */
public record Matcher(String name, String value, Boolean isRegex, Boolean isEqual) {

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
        if (isRegex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matchers: '" + value + "' is not a regular expression");
            }
        }
    }

    @JsonIgnore
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        boolean hit = isRegex ? Pattern.matches(value, actual) : value.equals(actual);
        return hit == isEqual;
    }
}
