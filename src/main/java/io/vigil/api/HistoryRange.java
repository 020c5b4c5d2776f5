package io.vigil.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.vigil.hub.HistoryConfig;
import io.vigil.web.HumanDuration;
import io.vigil.web.ProblemException;

/**
 * The time range and step of a history query, read from its parameters and checked against what history holds. The
 * range is either {@code window} ending at {@code end} (now by default), or {@code start} to {@code end}; never both
 * {@code window} and {@code start}. Every refusal names the parameter at fault.
 */
record HistoryRange(Instant start, Instant end, Duration step) {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** A client clock a little ahead of Vigil's may ask for an end slightly in the future. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration SMALLEST_STEP = Duration.ofMillis(1);

    Duration length() {
        return Duration.between(start, end);
    }

    /** @throws ProblemException 400 naming {@code window}, {@code step}, {@code start} or {@code end} */
    static HistoryRange of(String window, String step, String start, String end, HistoryConfig history, Instant now) {
        Duration kept = history.rollupRetention();
        Instant oldest = now.minus(kept);
        String keptText = "the history kept (" + kept.toHours() + "h, vigil.history.rollup.retention)";

        Instant endAt = end == null ? now : instant("end", end);
        if (endAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalid("end", "end=" + end + " is in the future; history ends now (" + now + ")");
        }
        if (!endAt.isAfter(oldest)) {
            throw ProblemException.invalid("end", "end=" + end + " is older than " + keptText);
        }

        Duration stepLength = step == null ? history.resolution() : duration("step", step);
        if (stepLength.compareTo(SMALLEST_STEP) < 0) {
            throw ProblemException.invalid("step", "step=" + step + " is shorter than 1ms");
        }
        if (stepLength.compareTo(kept) > 0) {
            throw ProblemException.invalid("step", "step=" + step + " is longer than " + keptText);
        }

        Instant startAt;
        if (start != null) {
            if (window != null) {
                throw ProblemException.invalid("window", "give either window (ending at end, or now) or start, not both");
            }
            startAt = instant("start", start);
            if (startAt.isBefore(oldest)) {
                throw ProblemException.invalid("start", "start=" + start + " is older than " + keptText);
            }
            if (!startAt.isBefore(endAt)) {
                throw ProblemException.invalid("start", "start=" + start + " must be before end (" + endAt + ")");
            }
        } else {
            Duration windowLength = window == null ? DEFAULT_WINDOW : duration("window", window);
            if (windowLength.compareTo(kept) > 0) {
                throw ProblemException.invalid("window", "window=" + window + " is longer than " + keptText);
            }
            startAt = endAt.minus(windowLength);
        }
        return new HistoryRange(startAt, endAt, stepLength);
    }

    /** ISO-8601 with a zone or offset, e.g. {@code 2026-03-01T12:00:00Z}. */
    private static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.invalid(name, name + "='" + text + "' is not an ISO-8601 time with a zone, e.g. "
                    + "2026-03-01T12:00:00Z");
        }
    }

    /** A human or ISO-8601 duration; one too large for any clock is refused like one that does not parse. */
    private static Duration duration(String name, String text) {
        try {
            return HumanDuration.parse(name, text);
        } catch (ArithmeticException | DateTimeException | NumberFormatException e) {
            throw ProblemException.invalid(name, name + "='" + text + "' is far longer than any history");
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, e.getMessage());
        }
    }
}
