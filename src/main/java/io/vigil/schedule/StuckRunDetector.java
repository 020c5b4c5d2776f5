package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/**
 * Tells a robot run that looks stuck: busy (Running or Paused) with no state change for longer than its schedule's
 * expected duration times a factor, or than a maximum when no expected duration is known (a run Vigil did not launch,
 * or a schedule without one). A crashed HxRun process leaves its run Running forever, and that keeps the capacity
 * gate shut; an operator can mark such a run as not blocking. Pure: time comes in with each observation.
 */
final class StuckRunDetector {

    /** A busy run over its limit; {@code release} is set once an operator marked it as not blocking. */
    record StuckRun(String runGuid, String methodName, String state, Instant since, Duration limit, String limitFrom,
            Release release) {

        boolean blocking() {
            return release == null;
        }
    }

    record Release(String by, Instant at, String note) {
    }

    private record Seen(RunState state, Instant since) {
    }

    private final double factor;
    private final Duration maximum;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, Release> released = new HashMap<>();
    private List<StuckRun> stuck = List.of();

    StuckRunDetector(double factor, Duration maximum) {
        this.factor = factor;
        this.maximum = maximum;
    }

    /**
     * Takes the robot's latest runs. A run first seen busy counts from its start (a restart does not reset it);
     * a state change (paused, resumed) starts the count again.
     *
     * @param expected a run's schedule's expected duration, when Vigil launched it from a schedule that has one
     */
    synchronized List<StuckRun> observe(List<HxRun> runs, Instant now, Function<String, Optional<Duration>> expected) {
        Set<String> busy = new HashSet<>();
        List<StuckRun> out = new ArrayList<>();
        for (HxRun run : runs) {
            if (!run.state().busy()) {
                continue;
            }
            busy.add(run.runGuid());
            Seen before = seen.get(run.runGuid());
            if (before == null || before.state() != run.state()) {
                Instant since = before == null && run.startTime() != null && run.startTime().isBefore(now)
                        ? run.startTime()
                        : now;
                before = new Seen(run.state(), since);
                seen.put(run.runGuid(), before);
            }
            Optional<Duration> fromSchedule = expected.apply(run.runGuid()).filter(d -> !d.isZero() && !d.isNegative());
            Duration limit = fromSchedule.map(d -> Duration.ofMillis(Math.round(d.toMillis() * factor))).orElse(maximum);
            if (Duration.between(before.since(), now).compareTo(limit) > 0) {
                out.add(new StuckRun(run.runGuid(), run.methodName(), run.state().name(), before.since(), limit,
                        fromSchedule.isPresent()
                                ? "expected duration " + fromSchedule.get() + " x " + factor
                                : "maximum " + maximum,
                        released.get(run.runGuid())));
            }
        }
        seen.keySet().retainAll(busy);
        released.keySet().retainAll(busy);
        stuck = List.copyOf(out);
        return stuck;
    }

    synchronized List<StuckRun> stuck() {
        return stuck;
    }

    /** Runs an operator marked as not blocking that are still busy: the gate looks past them. */
    synchronized Set<String> released() {
        return Set.copyOf(released.keySet());
    }

    /**
     * Marks a stuck run as not blocking, until it ends.
     *
     * @return the run as it is now, or empty when it is not stuck (an operator cannot wave through a run that moves)
     */
    synchronized Optional<StuckRun> release(String runGuid, String by, String note, Instant now) {
        Optional<StuckRun> run = stuck.stream().filter(s -> s.runGuid().equals(runGuid)).findFirst();
        run.ifPresent(s -> released.putIfAbsent(runGuid, new Release(by, now, note)));
        stuck = stuck.stream().map(s -> s.runGuid().equals(runGuid) && s.release() == null
                ? new StuckRun(s.runGuid(), s.methodName(), s.state(), s.since(), s.limit(), s.limitFrom(), released.get(runGuid))
                : s)
                .toList();
        return stuck.stream().filter(s -> s.runGuid().equals(runGuid)).findFirst();
    }
}
