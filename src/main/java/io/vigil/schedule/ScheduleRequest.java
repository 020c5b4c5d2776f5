package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Valid;

import org.hibernate.validator.constraints.time.DurationMax;

import io.vigil.validation.OneLine;
import io.vigil.validation.StoredTime;

/**
 * A schedule as a user writes it; the rest (next run, version, recovery) is Vigil's. An interval of 1 minute to 10 years
 * (see {@link NextRun#period}) and an expected duration of at most 30 days keep every time Vigil computes from them
 * within what it stores.
 */
public record ScheduleRequest(@OneLine(max = 200) String name, @OneLine(max = 1000) String experimentPath, String scheduleType,
        Double intervalHours,
        @OneLine(max = 200) String cron, @StoredTime Instant startAt, @Valid RetryPolicy retry,
        @DurationMax(days = 30, message = "must be at most 30 days") Duration expectedDuration, Boolean active) {

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
        NextRun.checkDefinition(type, intervalHours, cron);
        if (retry != null) {
            retry.validate();
        }
        if (expectedDuration != null && (expectedDuration.isNegative() || expectedDuration.isZero())) {
            throw new InvalidScheduleException("expected_duration", "must be longer than zero");
        }
        return type;
    }
}
