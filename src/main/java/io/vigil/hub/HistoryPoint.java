package io.vigil.hub;

/** A point of history: a raw sample (count 1) or a bucket's mean, min and max over count samples. */
public record HistoryPoint(long epochMs, double value, double min, double max, int count) {
}
