package io.vigil.alert;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How urgent an alert is; receivers and contacts take alerts from a minimum severity up. On the wire it is always
 * lowercase ({@code critical}), as in the {@code severity} label; any case is read.
 */
public enum Severity {

    INFO, WARNING, CRITICAL;

    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use critical, warning or info");
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
