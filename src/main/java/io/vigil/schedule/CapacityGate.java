package io.vigil.schedule;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.Sample;
import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceHealth;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Decides whether a job may start: fewer than {@code max-concurrent-jobs} running, the robot idle (no HxRun Running
 * or Paused), and every resource predicate met. It follows the hub, so a waiting job is let in the moment the stream
 * says the gate opened — no polling, no sleeping. Waiters are served first come, first served, one slot each.
 */
@ApplicationScoped
public class CapacityGate {

    private static final Logger LOG = Logger.getLogger(CapacityGate.class);
    static final String EXPERIMENTS = ExperimentsSnapshot.SOURCE;

    /** Thrown to a waiter whose wait ran out. */
    public static class CapacityExhausted extends RuntimeException {

        CapacityExhausted(String why) {
            super(why);
        }
    }

    private final MetricsHub hub;
    private final ScheduleConfig config;
    private final List<ResourcePredicate> predicates;
    private final Map<SeriesKey, Double> latest = new ConcurrentHashMap<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private volatile Boolean robotBusy;
    private volatile ExperimentsSnapshot robot;
    /** Stuck runs an operator marked as not blocking: busy in HxRun, but the gate looks past them. */
    private volatile Set<String> lookPast = Set.of();
    private int running;

    public CapacityGate(MetricsHub hub, ScheduleConfig config) {
        this.hub = hub;
        this.config = config;
        this.predicates = config.resourcePredicates().orElse(List.of()).stream().map(ResourcePredicate::parse).toList();
    }

    private static final class Waiter {

        final UniEmitter<? super Void> emitter;
        final AtomicBoolean settled = new AtomicBoolean();

        Waiter(UniEmitter<? super Void> emitter) {
            this.emitter = emitter;
        }
    }

    void start(@Observes Started event) {
        hub.messages().subscribe().with(this::onMessage,
                f -> LOG.error("Capacity gate stopped following the hub", LogSafe.escape(f)));
    }

    private void onMessage(HubMessage message) {
        if (message instanceof HubMessage.Update u) {
            if (EXPERIMENTS.equals(u.update().source()) && u.update().snapshot() instanceof ExperimentsSnapshot s) {
                robot = s;
                robotBusy = busy(s);
            }
            for (Sample sample : u.update().samples()) {
                for (ResourcePredicate p : predicates) {
                    if (sample.key().matches(p.selector())) {
                        latest.put(sample.key(), sample.value());
                    }
                }
            }
        }
        admit();
    }

    private Boolean busy(ExperimentsSnapshot s) {
        Set<String> past = lookPast;
        return past.isEmpty()
                ? s.robotBusy()
                : s.recentRuns().stream().anyMatch(r -> r.state().busy() && !past.contains(r.runGuid()));
    }

    /** Runs to look past (stuck, marked not blocking by an operator); lets waiters in if that opens the gate. */
    void lookPast(Set<String> runGuids) {
        if (runGuids.equals(lookPast)) {
            return;
        }
        lookPast = Set.copyOf(runGuids);
        ExperimentsSnapshot s = robot;
        if (s != null) {
            robotBusy = busy(s);
        }
        admit();
    }

    /** Waits for a slot; the Uni fails with {@link CapacityExhausted} after {@code wait}. Release the slot when done. */
    public Uni<Void> acquire(Duration wait) {
        return Uni.createFrom().<Void>emitter(emitter -> {
            Waiter waiter = new Waiter(emitter);
            emitter.onTermination(() -> {
                if (waiter.settled.compareAndSet(false, true)) {
                    synchronized (this) {
                        waiters.remove(waiter);
                    }
                }
            });
            synchronized (this) {
                waiters.addLast(waiter);
            }
            admit();
        }).ifNoItem().after(wait).failWith(() -> new CapacityExhausted("capacity exhausted after waiting " + wait + ": "
                + String.join("; ", status().closedBecause())));
    }

    public void release() {
        synchronized (this) {
            running = Math.max(0, running - 1);
        }
        admit();
    }

    /** Lets in as many waiters as the gate allows, oldest first. */
    private void admit() {
        while (true) {
            Waiter next;
            synchronized (this) {
                if (waiters.isEmpty() || !reasons().isEmpty()) {
                    return;
                }
                next = waiters.pollFirst();
                if (!next.settled.compareAndSet(false, true)) {
                    continue;
                }
                running++;
                // The job will make the robot busy: until HxRun says so, count it as busy for the next waiter.
                robotBusy = robotBusy == null ? null : Boolean.TRUE;
            }
            next.emitter.complete(null);
        }
    }

    private List<String> reasons() {
        List<String> why = new ArrayList<>();
        if (running >= config.maxConcurrentJobs()) {
            why.add(running + " of " + config.maxConcurrentJobs() + " jobs running (vigil.scheduler.max-concurrent-jobs)");
        }
        if (hub.hasSource(EXPERIMENTS)) {
            SourceStatus status = hub.health(EXPERIMENTS).map(SourceHealth::status).orElse(SourceStatus.STARTING);
            if (status == SourceStatus.DOWN || status == SourceStatus.STARTING) {
                why.add("robot state unknown: the experiments source is " + status);
            } else if (status != SourceStatus.DISABLED && Boolean.TRUE.equals(robotBusy)) {
                why.add("the robot is busy: an HxRun is Running or Paused");
            }
        }
        for (ResourcePredicate p : predicates) {
            latest.forEach((key, value) -> {
                if (key.matches(p.selector()) && !p.holds(value)) {
                    why.add(p.text() + " does not hold: " + key + " = " + value);
                }
            });
        }
        return why;
    }

    public synchronized GateStatus status() {
        List<String> why = reasons();
        return new GateStatus(why.isEmpty(), why, running, config.maxConcurrentJobs(), robotBusy, waiters.size());
    }
}
