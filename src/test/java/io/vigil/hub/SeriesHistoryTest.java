package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeriesHistoryTest {

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    @Test
    void theRingKeepsOnlyItsCapacity() {
        SeriesHistory history = new SeriesHistory(60, SECOND, 10, MINUTE);
        for (int i = 0; i < 200; i++) {
            history.add(i * SECOND, i);
        }
        List<HistoryPoint> raw = history.raw(0, Long.MAX_VALUE);
        assertThat(raw).hasSize(60);
        assertThat(raw.get(0).value()).isEqualTo(140);
        assertThat(raw.get(59).value()).isEqualTo(199);
        assertThat(history.oldestRaw()).isEqualTo(140 * SECOND);
    }

    @Test
    void samplesWithinOneResolutionStepReplaceEachOther() {
        SeriesHistory history = new SeriesHistory(60, SECOND, 10, MINUTE);
        history.add(1000, 1);
        history.add(1200, 2);
        history.add(1900, 3);
        history.add(2100, 4);
        assertThat(history.raw(0, Long.MAX_VALUE)).extracting(HistoryPoint::value).containsExactly(3.0, 4.0);
    }

    @Test
    void outOfOrderSamplesAreIgnored() {
        SeriesHistory history = new SeriesHistory(60, SECOND, 10, MINUTE);
        history.add(5000, 1);
        history.add(3000, 2);
        assertThat(history.raw(0, Long.MAX_VALUE)).extracting(HistoryPoint::value).containsExactly(1.0);
    }

    @Test
    void theRollupKeepsMeanMinMaxPerBucketAndItsOwnCapacity() {
        SeriesHistory history = new SeriesHistory(10, SECOND, 3, MINUTE);
        for (int minute = 0; minute < 5; minute++) {
            for (int s = 0; s < 60; s += 10) {
                history.add(minute * MINUTE + s * SECOND, minute * 10 + s / 10.0);
            }
        }
        List<HistoryPoint> buckets = history.rollup(0, Long.MAX_VALUE);
        assertThat(buckets).hasSize(3);
        HistoryPoint last = buckets.get(2);
        assertThat(last.epochMs()).isEqualTo(4 * MINUTE);
        assertThat(last.min()).isEqualTo(40.0);
        assertThat(last.max()).isEqualTo(45.0);
        assertThat(last.value()).isEqualTo(42.5);
        assertThat(last.count()).isEqualTo(6);
    }

    @Test
    void downsamplingAveragesIntoAlignedSteps() {
        List<HistoryPoint> points = List.of(
                new HistoryPoint(0, 1, 1, 1, 1), new HistoryPoint(1000, 3, 3, 3, 1),
                new HistoryPoint(5000, 10, 10, 10, 1), new HistoryPoint(9000, 20, 20, 20, 1));
        List<HistoryPoint> steps = HistoryQuery.downsample(points, 5000);
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isEqualTo(new HistoryPoint(0, 2, 1, 3, 2));
        assertThat(steps.get(1)).isEqualTo(new HistoryPoint(5000, 15, 10, 20, 2));
    }

    @Test
    void memoryIsFixedByCapacityNotTraffic() {
        SeriesHistory small = new SeriesHistory(3600, SECOND, 1440, MINUTE);
        long before = small.bytes();
        for (int i = 0; i < 100_000; i++) {
            small.add(i * SECOND, i);
        }
        assertThat(small.bytes()).isEqualTo(before).isEqualTo(3600L * 16 + 1440L * 36);
    }
}
