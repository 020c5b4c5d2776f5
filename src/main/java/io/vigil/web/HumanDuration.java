package io.vigil.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them in a query: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO-8601. */
public final class HumanDuration {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /**
     * The longest duration Vigil takes anywhere: added to any time Vigil stores, it stays a time the database holds,
     * and in milliseconds it fits a long.
     */
    public static final Duration LONGEST = Duration.ofDays(36_500);

    /** A duration longer than {@link #LONGEST}: refused rather than overflowing later. */
    public static final class TooLong extends IllegalArgumentException {

        static final String REASON = "is longer than 36500d (100 years), the longest Vigil takes";

        TooLong(String name, String text) {
            super(name + "='" + text + "' " + REASON);
        }
    }

    private HumanDuration() {
    }

    /** True for a number of seconds longer than {@link #LONGEST} (or not a number at all). */
    static boolean tooLong(double seconds) {
        return !(Math.abs(seconds) <= LONGEST.toSeconds());
    }

    /** A negative duration such as {@code -5m}, so validation can say what is wrong with it instead of failing to read it. */
    static Duration parseSigned(String text) {
        return parse("duration", text.substring(1)).negated();
    }

    /** @throws IllegalArgumentException naming the parameter and the accepted forms */
    public static Duration parse(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required, e.g. 15m");
        }
        String t = text.trim();
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TooLong(name, text);
            }
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                    throw new TooLong(name, text);
                }
                throw new IllegalArgumentException(name + "='" + text + "' is not a duration; use a number with ms, s, m, h or d"
                        + " (e.g. 15m) or ISO-8601 (PT15M)");
            }
        }
        if (d.abs().compareTo(LONGEST) > 0) {
            throw new TooLong(name, text);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + "='" + text + "' must be longer than zero");
        }
        return d;
    }
}
