package io.vigil.source.pipelines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A log line that may be due once per message, written at most once per {@code interval}: the first at once, later
 * ones with the number left out since the previous line. Broker traffic decides how often these paths run, so none of
 * them may write a line per message ({@code vigil.pipelines.reject-log-interval}).
 */
final class ThrottledLog {

    private final Clock clock;
    private final Duration interval;
    private final String skippedAre;
    private final Consumer<String> sink;
    private Instant nextAt = Instant.MIN;
    private long skipped;

    /** @param skippedAre what the lines left out are, in "N more {skippedAre} since the previous report" */
    ThrottledLog(Clock clock, Duration interval, String skippedAre, Consumer<String> sink) {
        this.clock = clock;
        this.interval = interval;
        this.skippedAre = skippedAre;
        this.sink = sink;
    }

    /** Writes the line unless one was written less than an interval ago; the line is only built when written. */
    void log(Supplier<String> line) {
        long left;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextAt)) {
                skipped++;
                return;
            }
            nextAt = now.plus(interval);
            left = skipped;
            skipped = 0;
        }
        sink.accept(line.get() + (left == 0 ? "" : "; " + left + " more " + skippedAre + " since the previous report")
                + ". Reported at most every " + interval.toSeconds() + " s");
    }
}
