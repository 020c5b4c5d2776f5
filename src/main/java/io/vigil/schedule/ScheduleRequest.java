package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;

/** A schedule as a user writes it; the rest (next run, version, recovery) is Vigil's. */
public record ScheduleRequest(String name, String experimentPath, String scheduleType, Double intervalHours, String cron,
        Instant startAt, RetryPolicy retry, Duration expectedDuration, Boolean active) {

    /** @throws InvalidScheduleException naming the field */
    ScheduleType validate() {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidScheduleException("name", "required, 200 characters at most");
        }
        if (experimentPath == null || experimentPath.isBlank() || experimentPath.length() > 1000) {
            throw new InvalidScheduleException("experiment_path", "required: the method file to run");
        }
        ScheduleType type;
        try {
            type = ScheduleType.parse(scheduleType);
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("schedule_type", e.getMessage());
        }
        if (type == ScheduleType.INTERVAL) {
            try {
                NextRun.period(intervalHours);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("interval_hours", e.getMessage());
            }
        }
        if (type == ScheduleType.CRON) {
            try {
                NextRun.cron(cron);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("cron", e.getMessage());
            }
        }
        if (retry != null) {
            retry.validate();
        }
        if (expectedDuration != null && (expectedDuration.isNegative() || expectedDuration.isZero())) {
            throw new InvalidScheduleException("expected_duration", "must be longer than zero");
        }
        return type;
    }
}
