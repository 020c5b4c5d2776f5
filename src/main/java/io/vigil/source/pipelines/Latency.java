package io.vigil.source.pipelines;

/** Latency percentiles and maximum, in seconds, over the results in the window ({@code samples} of them). */
public record Latency(double p50, double p95, double p99, double max, long samples) {
}
