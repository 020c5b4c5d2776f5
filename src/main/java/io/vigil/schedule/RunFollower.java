package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Ties HxRun runs to the executions Vigil launched and notes how they end: a run of the execution's own method that
 * started after the launch (the oldest such launch first), never a run of another method or one that began before.
 * Also follows the runs an earlier process launched ({@link #adopt}); when HxRun shows one ended there is no process
 * to wait for, so it reports {@link AdoptedRunEnded} for the scheduler to finish the execution.
 */
@ApplicationScoped
public class RunFollower {

    private static final Logger LOG = Logger.getLogger(RunFollower.class);

    /** What is known of the HxRun run an execution launched. */
    static final class RunWatch {

        final JobExecution execution;
        final Instant launchedAt;
        /** False for a run followed after a restart: it never took a slot at this process' gate. */
        final boolean holdsSlot;
        final Duration expected;
        volatile String runGuid;
        volatile String abortedBy;
        volatile String unmatched;
        volatile Cancellable longRunning;
        volatile Cancellable matchDeadline;

        private RunWatch(JobExecution execution, Instant launchedAt, boolean holdsSlot, Duration expected) {
            this.execution = execution;
            this.launchedAt = launchedAt;
            this.holdsSlot = holdsSlot;
            this.expected = expected;
        }
    }

    /** A run followed after a restart ended as HxRun shows; {@code result} is what it amounts to. */
    record AdoptedRunEnded(RunWatch watch, CommandLauncher.Result result) {
    }

    private final ExecutionStore executions;
    private final MetricsHub hub;
    private final ScheduleConfig config;
    private final Event<AdoptedRunEnded> adoptedRunEnded;
    /** By execution id. */
    private final Map<String, RunWatch> watches = new ConcurrentHashMap<>();
    /** The robot's latest runs, from the experiments source; null until its first poll. */
    private volatile List<HxRun> latestRuns;

    public RunFollower(ExecutionStore executions, MetricsHub hub, ScheduleConfig config, Event<AdoptedRunEnded> adoptedRunEnded) {
        this.executions = executions;
        this.hub = hub;
        this.config = config;
        this.adoptedRunEnded = adoptedRunEnded;
    }

    void start(@Observes Started event) {
        hub.messages().subscribe().with(this::onMessage, f -> LOG.error("Scheduler stopped following HxRun", LogSafe.escape(f)));
    }

    /**
     * Starts following an execution just launched. If no run of its method starts within
     * {@code vigil.scheduler.run-match-window}, the execution says so.
     */
    RunWatch follow(JobExecution running, Instant launchedAt, Duration expected) {
        RunWatch watch = new RunWatch(running, launchedAt, true, expected);
        watches.put(running.id(), watch);
        watch.matchDeadline = Uni.createFrom().voidItem().onItem().delayIt().by(config.runMatchWindow())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(x -> noRunMatched(watch));
        return watch;
    }

    /** Follows run {@code runGuid}, which an execution an earlier process launched started, to its end. */
    RunWatch adopt(JobExecution e, String runGuid, Duration expected) {
        RunWatch watch = new RunWatch(e, e.start() == null ? e.createdAt() : e.start(), false, expected);
        watch.runGuid = runGuid;
        watches.put(e.id(), watch);
        return watch;
    }

    /** Stops following: the execution is finishing. */
    void stop(RunWatch watch) {
        watches.remove(watch.execution.id());
        if (watch.longRunning != null) {
            watch.longRunning.cancel();
        }
        if (watch.matchDeadline != null) {
            watch.matchDeadline.cancel();
        }
    }

    boolean follows(String executionId) {
        return watches.containsKey(executionId);
    }

    /** The robot's latest runs; null until the experiments source has polled once. */
    List<HxRun> latestRuns() {
        return latestRuns;
    }

    /** The expected duration of the schedule whose execution this HxRun run is, when Vigil launched it. */
    public Optional<Duration> expectedDurationOfRun(String runGuid) {
        return watches.values().stream().filter(w -> runGuid.equals(w.runGuid) && w.expected != null).findFirst()
                .map(w -> w.expected);
    }

    /** Executions under way now. */
    public List<String> runningExecutions() {
        return new ArrayList<>(watches.keySet());
    }

    void onMessage(HubMessage message) {
        if (message instanceof HubMessage.Update u && CapacityGate.EXPERIMENTS.equals(u.update().source())
                && u.update().snapshot() instanceof ExperimentsSnapshot snapshot) {
            latestRuns = snapshot.recentRuns();
            matchListed(snapshot.recentRuns());
            settleAdopted(snapshot.recentRuns());
            return;
        }
        if (!(message instanceof HubMessage.Event e) || !CapacityGate.EXPERIMENTS.equals(e.event().source())) {
            return;
        }
        Object guid = e.event().attributes().get("run_guid");
        if (guid == null) {
            return;
        }
        switch (e.event().type()) {
            case "RUN_STARTED" -> {
                Object method = e.event().attributes().get("method_name");
                Instant began = e.event().attributes().get("start_time") instanceof Instant t ? t : e.event().ts();
                if (method != null && !claimed(guid.toString())) {
                    launchOf(method.toString(), began).ifPresent(w -> matched(w, guid.toString()));
                }
            }
            case "RUN_ABORTED", "RUN_ERROR" -> watches.values().stream()
                    .filter(w -> guid.toString().equals(w.runGuid))
                    .forEach(w -> w.abortedBy = e.event().type().equals("RUN_ABORTED") ? "Aborted" : "in Error");
            default -> {
            }
        }
    }

    /**
     * A run still on the robot that no launch claims yet, matched from the runs the source lists: its start was never
     * announced to this follower when it began before the source's first poll (which announces nothing: a restart must
     * not re-announce old runs) or before the follower listened, both possible in a just-started Vigil.
     */
    private void matchListed(List<HxRun> runs) {
        if (runs == null || watches.values().stream().allMatch(w -> w.runGuid != null)) {
            return;
        }
        runs.stream()
                .filter(r -> r.endTime() == null && r.startTime() != null && r.methodName() != null && !r.state().terminal())
                .sorted(Comparator.comparing(HxRun::startTime))
                .filter(r -> !claimed(r.runGuid()))
                .forEach(r -> launchOf(r.methodName(), r.startTime()).ifPresent(w -> matched(w, r.runGuid())));
    }

    /** The earliest launch not yet tied to a run that a run of this method, begun then, belongs to. */
    private Optional<RunWatch> launchOf(String method, Instant began) {
        return watches.values().stream()
                .filter(w -> w.runGuid == null && MethodName.same(w.execution.experimentPath(), method)
                        && !began.isBefore(w.launchedAt.minus(config.runMatchClockSkew())))
                .min(Comparator.comparing(w -> w.launchedAt));
    }

    private boolean claimed(String runGuid) {
        return watches.values().stream().anyMatch(w -> runGuid.equals(w.runGuid));
    }

    private void matched(RunWatch w, String runGuid) {
        w.runGuid = runGuid;
        if (w.matchDeadline != null) {
            w.matchDeadline.cancel();
        }
        // On record at once, so a restart knows which run this execution is.
        Uni.createFrom().item(() -> {
            if (watches.containsKey(w.execution.id())) {
                JobExecution e = w.execution;
                executions.save(new JobExecution(e.id(), e.scheduleId(), e.scheduleName(), e.experimentPath(), e.status(),
                        e.attempt(), e.retryCount(), e.start(), e.end(), e.exitCode(), e.error(), e.command(), e.outputTail(),
                        runGuid, e.createdAt(), false));
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(x -> {
        }, f -> LOG.warnf("Run %s of execution %s not recorded: %s", runGuid, w.execution.id(), LogSafe.escape(f.getMessage())));
    }

    /** No run of the method showed up in time: say so on the execution rather than guess. Blocking. */
    private void noRunMatched(RunWatch w) {
        if (w.runGuid != null || !watches.containsKey(w.execution.id())) {
            return;
        }
        w.unmatched = "no HxRun run of method '" + MethodName.of(w.execution.experimentPath()) + "' started within "
                + config.runMatchWindow() + " of the launch; the outcome is the command's exit code alone";
        JobExecution e = w.execution;
        executions.save(new JobExecution(e.id(), e.scheduleId(), e.scheduleName(), e.experimentPath(), e.status(), e.attempt(),
                e.retryCount(), e.start(), e.end(), e.exitCode(), w.unmatched, e.command(), e.outputTail(), null, e.createdAt(),
                false));
        LOG.warnf("Execution %s: %s", e.id(), LogSafe.escape(w.unmatched));
    }

    /** Reports the runs followed after a restart that HxRun shows ended, each once, on a worker thread. */
    void settleAdopted(List<HxRun> runs) {
        for (RunWatch w : watches.values()) {
            if (w.holdsSlot || w.runGuid == null) {
                continue;
            }
            runs.stream().filter(r -> r.runGuid().equals(w.runGuid) && r.state().terminal()).findFirst().ifPresent(r -> {
                if (watches.remove(w.execution.id()) == null) {
                    return;
                }
                w.abortedBy = r.state() == RunState.ABORTED ? "Aborted" : r.state() == RunState.ERROR ? "in Error" : null;
                CommandLauncher.Result result = r.state() == RunState.COMPLETE
                        ? new CommandLauncher.Result(0, "", null)
                        : new CommandLauncher.Result(null, "", "HxRun run " + r.runGuid() + " ended " + r.rawState());
                Uni.createFrom().item(() -> {
                    adoptedRunEnded.fire(new AdoptedRunEnded(w, result));
                    return null;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(x -> {
                }, f -> LOG.errorf(LogSafe.escape(f), "Execution %s could not be finished", w.execution.id()));
            });
        }
    }
}
