package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A scheduled experiment. {@code version} changes only with what a user changes; Vigil moving {@code next_run} or
 * {@code last_run} does not bump it, so a user's edit never conflicts with the scheduler's own bookkeeping.
 *
 * @param recoveryRequired set after an abort; the schedule does not run until it is resolved
 */
public record Schedule(String id, String name, String experimentPath, ScheduleType scheduleType, Double intervalHours,
        String cron, Instant startAt, RetryPolicy retry, Duration expectedDuration, boolean active, boolean archived,
        Instant nextRun, Instant lastRun, int retryAttempt, Recovery recoveryRequired, int version, Instant createdAt,
        Instant updatedAt) {

    /** Always true: a stored schedule that cannot be read is a {@link ScheduleStore.UnreadableSchedule}. */
    @JsonProperty("valid")
    public boolean valid() {
        return true;
    }

    /**
     * The effective period in hours, read only: {@code interval_hours} for an interval schedule, 1, 24 and 168 for
     * hourly, daily and weekly (nominal: a day with a daylight-saving change is 23 or 25 hours), null for once and cron.
     */
    @JsonProperty("period_hours")
    public Double periodHours() {
        return switch (scheduleType) {
            case INTERVAL -> intervalHours;
            case HOURLY -> 1.0;
            case DAILY -> 24.0;
            case WEEKLY -> 168.0;
            case ONCE, CRON -> null;
        };
    }

    @JsonIgnore
    public boolean runnable() {
        return active && !archived && recoveryRequired == null;
    }
}
