package io.vigil.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.notify.dispatch.Timers;

/** Timers driven by a {@link ManualClock}: {@link #advance} runs every timer that falls due, in time order. */
public final class ManualTimers implements Timers {

    private record Entry(Instant at, long seq, Runnable task, boolean[] cancelled) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.seq(), b.seq())
            : a.at().compareTo(b.at()));
    private long seq;

    public ManualTimers(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = { false };
        queue.add(new Entry(clock.instant().plus(delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running each timer at its own time. */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at().isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (!next.cancelled()[0]) {
                if (next.at().isAfter(clock.instant())) {
                    clock.set(next.at());
                }
                next.task().run();
            }
        }
        clock.set(target);
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(e -> !e.cancelled()[0]).count();
    }
}
