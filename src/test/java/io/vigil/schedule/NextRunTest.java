package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** Next-run computation with explicit instants and zones: no clock, no Quarkus. */
class NextRunTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static Instant next(ScheduleType type, Double hours, String cron, Instant anchor, Instant after) {
        return NextRun.after(type, hours, cron, anchor, after, BERLIN).orElse(null);
    }

    @Test
    void fractionalIntervalsCountFromTheAnchor() {
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(next(ScheduleType.INTERVAL, 1.5, null, anchor, anchor)).isEqualTo(anchor.plus(Duration.ofMinutes(90)));
        assertThat(next(ScheduleType.INTERVAL, 1.5, null, anchor, anchor.plus(Duration.ofMinutes(100))))
                .isEqualTo(anchor.plus(Duration.ofMinutes(180)));
        assertThat(next(ScheduleType.INTERVAL, 0.25, null, anchor, anchor.minusSeconds(10))).isEqualTo(anchor);
    }

    @Test
    void hourlyIsAbsoluteTimeEvenAcrossDst() {
        Instant anchor = berlin("2026-03-29T01:00");
        // At 02:00 Berlin time clocks jump to 03:00: one hour after 01:00 is 03:00 local.
        assertThat(next(ScheduleType.HOURLY, null, null, anchor, anchor).atZone(BERLIN).toLocalTime().toString())
                .isEqualTo("03:00");
    }

    @Test
    void dailyKeepsTheLocalTimeAcrossSpringAndAutumnDst() {
        Instant anchor = berlin("2026-03-27T09:00");
        Instant afterSpring = next(ScheduleType.DAILY, null, null, anchor, berlin("2026-03-29T08:00"));
        assertThat(afterSpring).isEqualTo(berlin("2026-03-29T09:00"));
        assertThat(Duration.between(berlin("2026-03-28T09:00"), afterSpring)).isEqualTo(Duration.ofHours(23));
        Instant afterAutumn = next(ScheduleType.DAILY, null, null, anchor, berlin("2026-10-25T08:59"));
        assertThat(afterAutumn).isEqualTo(berlin("2026-10-25T09:00"));
        assertThat(Duration.between(berlin("2026-10-24T09:00"), afterAutumn)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void weeklyKeepsTheWeekdayAndTime() {
        Instant anchor = berlin("2026-01-05T07:30"); // a Monday
        Instant next = next(ScheduleType.WEEKLY, null, null, anchor, berlin("2026-04-01T12:00"));
        ZonedDateTime local = next.atZone(BERLIN);
        assertThat(local.getDayOfWeek().toString()).isEqualTo("MONDAY");
        assertThat(local.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-04-06T07:30"));
    }

    @Test
    void cronHandlesMonthEndsInBothSyntaxes() {
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        // Quartz: noon on the last day of each month.
        assertThat(next(ScheduleType.CRON, null, "0 0 12 L * ?", anchor, berlin("2026-02-10T00:00")))
                .isEqualTo(berlin("2026-02-28T12:00"));
        // Unix: the 31st only exists in some months.
        assertThat(next(ScheduleType.CRON, null, "0 6 31 * *", anchor, berlin("2026-04-01T00:00")))
                .isEqualTo(berlin("2026-05-31T06:00"));
        // Weekdays at 09:00 across the spring DST change.
        assertThat(next(ScheduleType.CRON, null, "0 0 9 ? * MON-FRI", anchor, berlin("2026-03-28T10:00")))
                .isEqualTo(berlin("2026-03-30T09:00"));
    }

    @Test
    void onceRunsAtItsStartOnly() {
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        assertThat(next(ScheduleType.ONCE, null, null, at, at.minusSeconds(1))).isEqualTo(at);
        assertThat(next(ScheduleType.ONCE, null, null, at, at)).isNull();
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertThatThrownBy(() -> NextRun.cron("every tuesday")).hasMessageContaining("not a cron expression");
        assertThatThrownBy(() -> NextRun.period(0.0)).hasMessageContaining("interval_hours");
        assertThatThrownBy(() -> NextRun.period(null)).hasMessageContaining("interval_hours");
    }

    @Test
    void periodsFromAMinuteToTenYearsAreAcceptedAndNothingOutside() {
        assertThat(NextRun.period(1.0 / 60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(NextRun.period(87_600.0)).isEqualTo(Duration.ofHours(87_600));
        for (double hours : new double[]{ 1e-12, 0.016, -1, 87_601, 1e300, Double.NaN, Double.POSITIVE_INFINITY }) {
            assertThatThrownBy(() -> NextRun.period(hours)).as("%s hours", hours).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("interval_hours").hasMessageContaining("1 minute").hasMessageContaining("10 years");
        }
    }

    /** A row stored before the bounds (or edited by hand) must give no run and a reason, never a loop or an overflow. */
    @Test
    void aStoredPeriodOutOfRangeGivesNoNextRunAndSaysWhy() {
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        Instant after = anchor.plus(Duration.ofDays(3));
        for (double hours : new double[]{ 1e-12, 1e300, 0.0, Double.NaN }) {
            NextRun.Next next = NextRun.next(ScheduleType.INTERVAL, hours, null, anchor, after, BERLIN);
            assertThat(next.time()).as("%s hours", hours).isNull();
            assertThat(next.error()).as("%s hours", hours).contains("interval_hours");
            assertThat(NextRun.after(ScheduleType.INTERVAL, hours, null, anchor, after, BERLIN)).isEmpty();
        }
        assertThat(NextRun.next(ScheduleType.CRON, null, "every tuesday", anchor, after, BERLIN).error())
                .contains("not a cron expression");
    }

    @Test
    void aNextRunPastWhatVigilCanStoreIsAnErrorNotAnOverflow() {
        Instant anchor = Instant.parse("9999-06-01T00:00:00Z");
        NextRun.Next next = NextRun.next(ScheduleType.INTERVAL, 87_600.0, null, anchor, anchor, BERLIN);
        assertThat(next.time()).isNull();
        assertThat(next.error()).contains("9999");
    }

    @Test
    void aOnceScheduleThatHasRunHasNoNextRunAndThatIsNoError() {
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        NextRun.Next next = NextRun.next(ScheduleType.ONCE, null, null, at, at.plusSeconds(1), BERLIN);
        assertThat(next.time()).isNull();
        assertThat(next.error()).isNull();
    }

    @Test
    void withoutStartAtTheFirstRunIsTheStartOfTheNextWholePeriod() {
        Instant wednesdayAfternoon = berlin("2026-03-11T14:25:30");
        assertThat(NextRun.firstStart(ScheduleType.HOURLY, null, wednesdayAfternoon, BERLIN))
                .isEqualTo(berlin("2026-03-11T15:00"));
        assertThat(NextRun.firstStart(ScheduleType.DAILY, null, wednesdayAfternoon, BERLIN))
                .isEqualTo(berlin("2026-03-12T00:00"));
        assertThat(NextRun.firstStart(ScheduleType.WEEKLY, null, wednesdayAfternoon, BERLIN))
                .isEqualTo(berlin("2026-03-16T00:00"));
        assertThat(NextRun.firstStart(ScheduleType.INTERVAL, 1.5, wednesdayAfternoon, BERLIN))
                .isEqualTo(wednesdayAfternoon.plus(Duration.ofMinutes(90)));
        // Exactly on the hour (or at midnight on a Monday) is not "next": the first run is always ahead.
        assertThat(NextRun.firstStart(ScheduleType.HOURLY, null, berlin("2026-03-11T15:00"), BERLIN))
                .isEqualTo(berlin("2026-03-11T16:00"));
        assertThat(NextRun.firstStart(ScheduleType.WEEKLY, null, berlin("2026-03-16T00:00"), BERLIN))
                .isEqualTo(berlin("2026-03-23T00:00"));
        // Full hours of the schedule zone, also where the zone is half an hour off UTC.
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant inKolkata = LocalDateTime.parse("2026-03-11T14:25").atZone(kolkata).toInstant();
        assertThat(NextRun.firstStart(ScheduleType.HOURLY, null, inKolkata, kolkata))
                .isEqualTo(LocalDateTime.parse("2026-03-11T15:00").atZone(kolkata).toInstant());
    }

    @Test
    void aCronOfTheWrongShapeNamesEveryAcceptedFormWithAnExample() {
        assertThatThrownBy(() -> NextRun.cron("0 9 * *")).hasMessageContaining("4 fields")
                .hasMessageContaining("m h dom mon dow").hasMessageContaining("\"0 9 * * 1-5\"")
                .hasMessageContaining("s m h dom mon dow [year]").hasMessageContaining("\"0 0 9 ? * MON-FRI\"")
                .hasMessageNotContaining("[6, 7]");
        // The right shape with a wrong value keeps the parser's reason, and still shows the forms.
        assertThatThrownBy(() -> NextRun.cron("61 9 * * *")).hasMessageContaining("61")
                .hasMessageContaining("m h dom mon dow").hasMessageContaining("s m h dom mon dow [year]");
        // The examples it gives are accepted.
        assertThat(NextRun.cron("0 9 * * 1-5")).isNotNull();
        assertThat(NextRun.cron("0 0 9 ? * MON-FRI")).isNotNull();
    }

    @Test
    void retryDelaysFollowTheBackoff() {
        RetryPolicy fixed = new RetryPolicy(3, Duration.ofMinutes(2), "fixed").validate();
        RetryPolicy linear = new RetryPolicy(3, Duration.ofMinutes(2), "linear").validate();
        RetryPolicy exponential = new RetryPolicy(3, Duration.ofMinutes(2), "exponential").validate();
        assertThat(fixed.delayBefore(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(linear.delayBefore(3)).isEqualTo(Duration.ofMinutes(6));
        assertThat(exponential.delayBefore(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(exponential.delayBefore(3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(exponential.delayBefore(20)).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMinutes(1), "random").validate())
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("retry.backoff");
    }
}
