package io.vigil.schedule;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a schedule repeats. hourly, daily and weekly are aliases with fixed periods. */
public enum ScheduleType {

    ONCE, INTERVAL, HOURLY, DAILY, WEEKLY, CRON;

    @JsonCreator
    public static ScheduleType parse(String text) {
        for (ScheduleType t : values()) {
            if (t.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a schedule type; use once, interval, hourly, daily, weekly or cron");
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
