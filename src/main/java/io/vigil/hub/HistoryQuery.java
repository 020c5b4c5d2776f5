package io.vigil.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Averaging of history points into fixed steps, aligned to multiples of the step. */
public final class HistoryQuery {

    private HistoryQuery() {
    }

    /** One series' answer: its points and whether they came from raw history or the roll-up. */
    public record Result(SeriesKey key, List<HistoryPoint> points, String resolution, Duration step) {
    }

    static List<HistoryPoint> downsample(List<HistoryPoint> points, long stepMs) {
        if (stepMs <= 1 || points.isEmpty()) {
            return points;
        }
        List<HistoryPoint> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (HistoryPoint p : points) {
            long start = p.epochMs() - Math.floorMod(p.epochMs(), stepMs);
            if (start != bucket && count > 0) {
                out.add(new HistoryPoint(bucket, sum / count, min, max, count));
                sum = 0;
                count = 0;
                min = Double.POSITIVE_INFINITY;
                max = Double.NEGATIVE_INFINITY;
            }
            bucket = start;
            sum += p.value() * p.count();
            count += p.count();
            min = Math.min(min, p.min());
            max = Math.max(max, p.max());
        }
        out.add(new HistoryPoint(bucket, sum / count, min, max, count));
        return out;
    }
}
