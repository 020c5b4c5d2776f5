package io.vigil.demo;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A simulated pipeline's workers: how many tasks arrive on its queue per tick and how many the workers take. Usually
 * they take a little more than arrives, so the backlog hovers near zero. Now and then they stall (a GPU node
 * restarting) and the queue builds up; then a second node helps and they take three times their share until the
 * queue is empty. Time is passed in.
 */
final class PipelineWorkers {

    static final int CATCH_UP = 3;

    private final PipelineSimulatorConfig.Stall stall;
    private final RandomGenerator random;
    private Instant nextStall;
    private Instant stallEnds;
    private boolean catchingUp;

    PipelineWorkers(PipelineSimulatorConfig.Stall stall, RandomGenerator random) {
        this.stall = stall;
        this.random = random;
    }

    /** Tasks arriving this tick. */
    int arrivals() {
        return 3 + random.nextInt(10);
    }

    /** Tasks the workers may take this tick: none while stalled. */
    int capacity(Instant now) {
        if (nextStall == null) {
            nextStall = now.plus(stall.firstAfter());
        }
        if (stallEnds == null && !now.isBefore(nextStall)) {
            stallEnds = now.plus(stall.duration());
            while (!nextStall.isAfter(now)) {
                nextStall = nextStall.plus(stall.every());
            }
        }
        if (stallEnds != null) {
            if (now.isBefore(stallEnds)) {
                return 0;
            }
            stallEnds = null;
            catchingUp = true;
        }
        int usual = 4 + random.nextInt(11); // a little more than arrive: the backlog hovers, then drains
        return catchingUp ? CATCH_UP * usual : usual;
    }

    /** Whether the workers stall at {@code now} (after {@link #capacity} was asked for it). */
    boolean stalled(Instant now) {
        return stallEnds != null && now.isBefore(stallEnds);
    }

    /** Whether a stall began at {@code now} (after {@link #capacity} was asked for it). */
    boolean stallBegins(Instant now) {
        return stallEnds != null && stallEnds.minus(stall.duration()).equals(now);
    }

    /** The queue ran empty: the extra help goes. */
    void drained() {
        catchingUp = false;
    }
}
