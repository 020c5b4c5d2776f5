package io.vigil.hub;

import java.time.Instant;
import java.util.Map;

/** One value of one series at one instant, e.g. {@code host.gpu.memory.percent{gpu="0"} = 41.5}. */
public record Sample(String series, Map<String, String> labels, double value, Instant ts) {

    public Sample {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Sample of(String series, double value, Instant ts) {
        return new Sample(series, Map.of(), value, ts);
    }

    public static Sample of(String series, String label, String labelValue, double value, Instant ts) {
        return new Sample(series, Map.of(label, labelValue), value, ts);
    }

    public SeriesKey key() {
        return new SeriesKey(series, labels);
    }
}
