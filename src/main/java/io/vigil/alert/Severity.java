package io.vigil.alert;

import java.util.Locale;

/** How urgent an alert is; receivers and contacts take alerts from a minimum severity up. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }

    /** @throws IllegalArgumentException naming the accepted values */
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

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
