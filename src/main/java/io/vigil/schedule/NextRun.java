package io.vigil.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.vigil.validation.StoredTime;

/**
 * When a schedule runs next, strictly after a given instant. Interval and hourly periods are absolute durations
 * from the anchor ({@code start_at}); daily and weekly keep the anchor's local time of day in the schedule zone, so
 * a 09:00 run stays at 09:00 across daylight-saving changes. Cron expressions use the cron-utils parser that
 * Quarkus' scheduler ships: Quartz syntax (6–7 fields, as in {@code @Scheduled}) or Unix syntax (5 fields).
 * <p>
 * Computing a next run never throws: a definition it cannot use (a period out of range, a cron it cannot parse, a
 * time past what Vigil stores) gives {@link Next#error()}, so a caller can stop the schedule instead of retrying it.
 */
public final class NextRun {

    /** The shortest interval: a robot method takes minutes, and a shorter period is a launch loop, not a schedule. */
    public static final Duration SHORTEST_PERIOD = Duration.ofMinutes(1);
    /** The longest interval, 10 years of 365 days; longer would be a once schedule. */
    public static final Duration LONGEST_PERIOD = Duration.ofHours(87_600);

    static final String UNIX_FORM = "5-field Unix \"m h dom mon dow\", e.g. \"0 9 * * 1-5\" (09:00 Monday to Friday)";
    static final String QUARTZ_FORM = "6- or 7-field Quartz \"s m h dom mon dow [year]\", e.g. \"0 0 9 ? * MON-FRI\""
            + " (the same; one of dom and dow is \"?\")";

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private NextRun() {
    }

    /**
     * A schedule's next run: {@code time}, or null when it has none left (a once schedule that has run, a cron whose
     * times are all past); {@code error} says why it cannot be computed, and then {@code time} is null too.
     */
    public record Next(Instant time, String error) {

        static Next at(Instant time) {
            return new Next(time, null);
        }

        static Next none() {
            return new Next(null, null);
        }

        static Next impossible(String why) {
            return new Next(null, why);
        }

        public Optional<Instant> asOptional() {
            return Optional.ofNullable(time);
        }
    }

    /** @throws IllegalArgumentException with a message for the user when the expression is not cron */
    public static ExecutionTime cron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required: " + UNIX_FORM + ", or " + QUARTZ_FORM);
        }
        String trimmed = expression.trim();
        int fields = trimmed.split("\\s+").length;
        if (fields < 5 || fields > 7) {
            // cron-utils would only name the Quartz counts, though 5 fields are accepted too.
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression: it has " + fields
                    + (fields == 1 ? " field" : " fields") + "; use " + UNIX_FORM + ", or " + QUARTZ_FORM);
        }
        try {
            return ExecutionTime.forCron((fields == 5 ? UNIX : QUARTZ).parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression: " + e.getMessage()
                    + "; use " + UNIX_FORM + ", or " + QUARTZ_FORM);
        }
    }

    /** The next run strictly after {@code after}; empty when there is none or it cannot be computed. Never throws. */
    public static Optional<Instant> after(ScheduleType type, Double intervalHours, String cron, Instant anchor, Instant after,
            ZoneId zone) {
        return next(type, intervalHours, cron, anchor, after, zone).asOptional();
    }

    /** The regular next run of a stored schedule strictly after {@code after}, anchored where the scheduler anchors it. */
    public static Next regular(Schedule s, Instant after, ZoneId zone) {
        Instant anchor = s.startAt() != null ? s.startAt() : s.createdAt();
        return next(s.scheduleType(), s.intervalHours(), s.cron(), anchor, after, zone);
    }

    /** The next run strictly after {@code after}, none, or why it cannot be computed. Never throws. */
    public static Next next(ScheduleType type, Double intervalHours, String cron, Instant anchor, Instant after, ZoneId zone) {
        Optional<Instant> time;
        try {
            time = switch (type) {
                case ONCE -> anchor.isAfter(after) ? Optional.of(anchor) : Optional.empty();
                case INTERVAL -> Optional.of(byPeriod(anchor, period(intervalHours), after));
                case HOURLY -> Optional.of(byPeriod(anchor, Duration.ofHours(1), after));
                case DAILY -> Optional.of(byDays(anchor, 1, after, zone));
                case WEEKLY -> Optional.of(byDays(anchor, 7, after, zone));
                case CRON -> cron(cron).nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
            };
        } catch (IllegalArgumentException e) {
            return Next.impossible(e.getMessage());
        } catch (ArithmeticException | DateTimeException e) {
            return Next.impossible("the next run is past what Vigil can store (" + e.getMessage() + ")");
        }
        if (time.isPresent() && time.get().isAfter(StoredTime.LATEST)) {
            return Next.impossible("the next run would be after 9999-12-31, past what Vigil can store");
        }
        return time.map(Next::at).orElseGet(Next::none);
    }

    /**
     * Where a schedule without {@code start_at} begins, strictly after {@code now}: the start of the next whole period
     * in the schedule zone (the next full hour, the next midnight, the next Monday at midnight), one interval from now
     * for an interval schedule; a once or cron schedule has no period to align to, so {@code now}.
     */
    static Instant firstStart(ScheduleType type, Double intervalHours, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return switch (type) {
            case HOURLY -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            case DAILY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEKLY -> nextMonday(local.toLocalDate()).atStartOfDay(zone).toInstant();
            case INTERVAL -> now.plus(period(intervalHours));
            case ONCE, CRON -> now;
        };
    }

    private static LocalDate nextMonday(LocalDate today) {
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    /**
     * Whether the timing fields of a schedule of this type can be used: an interval's period, a cron expression.
     *
     * @throws InvalidScheduleException naming the field at fault
     */
    static void checkDefinition(ScheduleType type, Double intervalHours, String cron) {
        if (type == ScheduleType.INTERVAL) {
            try {
                period(intervalHours);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("interval_hours", e.getMessage());
            }
        }
        if (type == ScheduleType.CRON) {
            try {
                cron(cron);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("cron", e.getMessage());
            }
        }
    }

    /** @throws IllegalArgumentException naming interval_hours when the period is outside 1 minute to 10 years */
    static Duration period(Double hours) {
        String range = "interval_hours must be a number of hours from 1 minute (0.0167) to 10 years (87600), e.g. 0.5 or 6";
        if (hours == null) {
            throw new IllegalArgumentException(range);
        }
        if (hours.isNaN() || hours.isInfinite() || hours <= 0 || hours > LONGEST_PERIOD.toHours()) {
            throw new IllegalArgumentException(range + "; got " + hours);
        }
        Duration period = Duration.ofMillis(Math.round(hours * 3_600_000));
        if (period.compareTo(SHORTEST_PERIOD) < 0) {
            throw new IllegalArgumentException(range + "; got " + hours);
        }
        return period;
    }

    private static Instant byPeriod(Instant anchor, Duration period, Instant after) {
        if (anchor.isAfter(after)) {
            return anchor;
        }
        long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
        return anchor.plusMillis(Math.multiplyExact(periods, period.toMillis()));
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
