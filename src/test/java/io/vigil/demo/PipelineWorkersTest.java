package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** Now and then the demo's workers stall: the backlog builds up past the alert threshold, then drains. */
class PipelineWorkersTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final PipelineSimulatorConfig.Stall STALL = new PipelineSimulatorConfig.Stall() {

        @Override
        public Duration firstAfter() {
            return Duration.ofSeconds(90);
        }

        @Override
        public Duration every() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Duration duration() {
            return Duration.ofSeconds(40);
        }
    };

    private final PipelineWorkers workers = new PipelineWorkers(STALL, new SplittableRandom(7));
    private int depth;

    @Test
    void theBacklogHoversUntilTheWorkersStallThenBuildsUpAndDrains() {
        // Before the first stall the workers keep up: the default backlog rule (over 50) has nothing to see.
        assertThat(maxDepth(START, START.plusSeconds(90))).isLessThan(50);

        // They stall at 90 s, for 40 s: some 300 tasks wait, past the default backlog rule's 50.
        Instant stall = START.plusSeconds(90);
        assertThat(workers.capacity(stall)).isZero();
        assertThat(workers.stallBegins(stall)).isTrue();
        depth += workers.arrivals();
        assertThat(maxDepth(stall.plus(TICK), stall.plusSeconds(40))).isGreaterThan(150)
                .isLessThan(PipelineSimulator.QUEUE_MAX_LENGTH);

        // Then they catch up: the queue is empty again within half a minute, and hovers as before.
        Instant drained = run(stall.plusSeconds(40), stall.plusSeconds(120), () -> depth == 0);
        assertThat(drained).isBefore(stall.plusSeconds(70));
        assertThat(maxDepth(stall.plusSeconds(120), START.plusSeconds(690))).isLessThan(50);

        // The next stall comes ten minutes after the first.
        assertThat(workers.capacity(START.plusSeconds(690))).isZero();
        assertThat(workers.stalled(START.plusSeconds(729))).isTrue();
        assertThat(workers.stalled(START.plusSeconds(730))).isFalse();
    }

    /** Ticks from {@code from} (inclusive) to {@code to} (exclusive) and answers the deepest the queue got. */
    private int maxDepth(Instant from, Instant to) {
        int max = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(TICK)) {
            tick(t);
            max = Math.max(max, depth);
        }
        return max;
    }

    /** Ticks until {@code done} holds and answers when it did. */
    private Instant run(Instant from, Instant to, BooleanSupplier done) {
        for (Instant t = from; t.isBefore(to); t = t.plus(TICK)) {
            tick(t);
            if (done.getAsBoolean()) {
                return t;
            }
        }
        return to;
    }

    /** What the simulator does with its work queue each tick. */
    private void tick(Instant now) {
        depth += workers.arrivals();
        int took = Math.min(depth, workers.capacity(now));
        depth -= took;
        if (depth == 0) {
            workers.drained();
        }
    }
}
