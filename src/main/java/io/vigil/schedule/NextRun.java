package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When a schedule runs next, strictly after a given instant. Interval and hourly periods are absolute durations
 * from the anchor ({@code start_at}); daily and weekly keep the anchor's local time of day in the schedule zone, so
 * a 09:00 run stays at 09:00 across daylight-saving changes. Cron expressions use the cron-utils parser that
 * Quarkus' scheduler ships: Quartz syntax (6–7 fields, as in {@code @Scheduled}) or Unix syntax (5 fields).
 */
public final class NextRun {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private NextRun() {
    }

    /** @throws IllegalArgumentException with a message for the user when the expression is not cron */
    public static ExecutionTime cron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required, e.g. \"0 0 9 ? * MON-FRI\"");
        }
        String trimmed = expression.trim();
        CronParser parser = trimmed.split("\\s+").length == 5 ? UNIX : QUARTZ;
        try {
            return ExecutionTime.forCron(parser.parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression: " + e.getMessage());
        }
    }

    public static Optional<Instant> after(ScheduleType type, Double intervalHours, String cron, Instant anchor, Instant after,
            ZoneId zone) {
        return switch (type) {
            case ONCE -> anchor.isAfter(after) ? Optional.of(anchor) : Optional.empty();
            case INTERVAL -> Optional.of(byPeriod(anchor, period(intervalHours), after));
            case HOURLY -> Optional.of(byPeriod(anchor, Duration.ofHours(1), after));
            case DAILY -> Optional.of(byDays(anchor, 1, after, zone));
            case WEEKLY -> Optional.of(byDays(anchor, 7, after, zone));
            case CRON -> cron(cron).nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
        };
    }

    static Duration period(Double hours) {
        if (hours == null || hours <= 0 || hours.isNaN() || hours.isInfinite()) {
            throw new IllegalArgumentException("interval_hours must be a positive number of hours, e.g. 0.5 or 6");
        }
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    private static Instant byPeriod(Instant anchor, Duration period, Instant after) {
        if (anchor.isAfter(after)) {
            return anchor;
        }
        long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
        return anchor.plusMillis(periods * period.toMillis());
    }

    private static Instant byDays(Instant anchor, int days, Instant after, ZoneId zone) {
        ZonedDateTime first = anchor.atZone(zone);
        if (first.toInstant().isAfter(after)) {
            return first.toInstant();
        }
        long n = Math.max(0, Duration.between(anchor, after).toDays() / days - 1);
        ZonedDateTime next = first.plusDays(n * days);
        while (!next.toInstant().isAfter(after)) {
            next = next.plusDays(days);
        }
        return next.toInstant();
    }
}
