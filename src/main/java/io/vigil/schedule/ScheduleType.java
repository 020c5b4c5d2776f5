package io.vigil.schedule;

import java.util.Locale;

/** How a schedule repeats. hourly, daily and weekly are aliases with fixed periods. */
public enum ScheduleType {
    ONCE, INTERVAL, HOURLY, DAILY, WEEKLY, CRON;

    public static ScheduleType parse(String text) {
        for (ScheduleType t : values()) {
            if (t.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a schedule type; use once, interval, hourly, daily, weekly or cron");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
