package io.vigil.api;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Meter descriptions without double quotes, so every Prometheus text parser reads /q/metrics. Quarkus answers a
 * scrape that names no format (curl, scrapers that send {@code Accept: *}{@code /*}) in OpenMetrics, which writes a
 * '"' in HELP as {@code \"}; the Prometheus text format 0.0.4 has no such escape, and its official parser (promtool,
 * Telegraf) then refuses the whole page. Micrometer's process and system meters quote words ("cpu time"): single
 * quotes read the same and need no escape in either format.
 */
@Singleton
public class MeterDescriptions {

    @Produces
    @Singleton
    MeterFilter withoutDoubleQuotes() {
        return new MeterFilter() {

            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id; // untouched, so derived meters keep their link to this one
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                        description.replace('"', '\''), id.getType());
            }
        };
    }
}
