package io.vigil.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.cluster.LeaderLease;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.log.LogSafe;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/**
 * Runs due schedules: each execution waits at the {@link CapacityGate}, launches the command, follows the HxRun
 * run it started, and ends completed, failed (retried per the schedule's one retry policy) or aborted (the schedule
 * then needs manual recovery). Every step is an event on the hub's {@code scheduler} topic, which the alert rules
 * turn into notifications. JDBC and process launches run on worker threads.
 */
@ApplicationScoped
public class ExperimentScheduler {

    private static final Logger LOG = Logger.getLogger(ExperimentScheduler.class);
    public static final String TOPIC = "scheduler";

    private final ScheduleStore store;
    private final ExecutionStore executions;
    private final CapacityGate gate;
    private final MetricsHub hub;
    private final ScheduleConfig config;
    private final LeaderLease lease;
    private final io.vigil.store.VigilDatabase database;
    private final ZoneId zone;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, RunWatch> watches = new ConcurrentHashMap<>();
    /** Executions waiting at the gate, by schedule: the ones archiving, pausing or deleting a schedule cancels. */
    private final Map<String, WaitingExecution> waitingBySchedule = new ConcurrentHashMap<>();
    private volatile String commandOverride;
    /** Whether what an earlier process (or lease holder) left unfinished has been settled. */
    private volatile boolean reconciled;
    /** The robot's latest runs, from the experiments source; null until its first poll. */
    private volatile List<HxRun> latestRuns;

    public ExperimentScheduler(ScheduleStore store, ExecutionStore executions, CapacityGate gate, MetricsHub hub, ScheduleConfig config, LeaderLease lease,
            io.vigil.store.VigilDatabase database) {
        this.database = database;
        this.store = store;
        this.executions = executions;
        this.gate = gate;
        this.hub = hub;
        this.config = config;
        this.lease = lease;
        this.zone = config.timeZone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    /** What is known of the HxRun run an execution launched. */
    private static final class RunWatch {
        final JobExecution execution;
        final Instant launchedAt;
        /** False for a run followed after a restart: it never took a slot at this process' gate. */
        final boolean holdsSlot;
        volatile String runGuid;
        volatile String abortedBy;
        volatile String unmatched;
        volatile Cancellable longRunning;
        volatile Cancellable matchDeadline;
        volatile Duration expected;

        RunWatch(JobExecution execution, Instant launchedAt) {
            this(execution, launchedAt, true);
        }

        RunWatch(JobExecution execution, Instant launchedAt, boolean holdsSlot) {
            this.execution = execution;
            this.launchedAt = launchedAt;
            this.holdsSlot = holdsSlot;
        }
    }

    /** An execution waiting for the gate, and the wait to cancel. */
    private record WaitingExecution(Schedule schedule, JobExecution execution, String trigger, AtomicReference<Cancellable> gateWait) {
    }

    void start(@Observes StartupEvent event) {
        hub.messages().subscribe().with(this::followRuns,
                f -> LOG.error("Scheduler stopped following HxRun", LogSafe.escape(f)));
    }

    public ZoneId zone() {
        return zone;
    }

    @Scheduled(every = "${vigil.scheduler.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        if (!lease.held()) {
            // Whoever holds the lease next settles what the holder before it left unfinished.
            reconciled = false;
        }
        if (!config.enabled() || !database.ready() || !lease.held()) {
            return;
        }
        if (!reconciled) {
            try {
                reconciled = reconcile();
            } catch (IllegalStateException e) {
                LOG.warnf("Cannot settle the executions an earlier run of Vigil left: %s", LogSafe.escape(e.getMessage()));
                return;
            }
        }
        List<Schedule> due;
        try {
            due = store.due(Instant.now());
        } catch (IllegalStateException e) {
            // The database is away (or closing at shutdown): the next tick looks again.
            LOG.warnf("Cannot look for due schedules: %s", LogSafe.escape(e.getMessage()));
            return;
        }
        for (Schedule schedule : due) {
            if (inFlight.add(schedule.id())) {
                execute(schedule, "schedule");
            }
        }
    }

    /** Starts an execution now, outside the timetable; null when one of this schedule is already under way. Blocking. */
    public JobExecution runNow(Schedule schedule) {
        if (!inFlight.add(schedule.id())) {
            return null;
        }
        return execute(schedule, "run-now");
    }

    public boolean isRunning(String scheduleId) {
        return inFlight.contains(scheduleId);
    }

    private JobExecution execute(Schedule s, String trigger) {
        Instant now = Instant.now();
        JobExecution waiting = new JobExecution(UUID.randomUUID().toString(), s.id(), s.name(), s.experimentPath(),
                ExecutionStatus.WAITING_CAPACITY, s.retryAttempt() + 1, s.retryAttempt(), null, null, null, null, null, null, null,
                now, false);
        executions.save(waiting);
        publish("EXECUTION_WAITING", s, waiting, Map.of("trigger", trigger));
        WaitingExecution entry = new WaitingExecution(s, waiting, trigger, new AtomicReference<>());
        waitingBySchedule.put(s.id(), entry);
        Cancellable wait = gate.acquire(config.capacityWait())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(slot -> {
                    if (!waitingBySchedule.remove(s.id(), entry)) {
                        // Cancelled while the gate let it in.
                        gate.release();
                        return Uni.createFrom().voidItem();
                    }
                    // The schedule may have changed while it waited: launch what it is now, or nothing.
                    Optional<Schedule> current = store.get(s.id());
                    String stop = current.isEmpty() ? "the schedule was deleted" : whyNotLaunch(current.get(), trigger);
                    if (stop != null) {
                        gate.release();
                        cancelled(current.orElse(s), waiting, stop + " while it waited for the robot");
                        return Uni.createFrom().voidItem();
                    }
                    return launch(current.get(), waiting);
                })
                .onFailure(CapacityGate.CapacityExhausted.class).recoverWithItem(f -> {
                    if (waitingBySchedule.remove(s.id(), entry)) {
                        capacityExhausted(s, waiting, f.getMessage());
                    }
                    return null;
                })
                .onTermination().invoke(() -> inFlight.remove(s.id()))
                .subscribe().with(done -> {
                }, f -> LOG.errorf(LogSafe.escape(f), "Execution %s of %s failed unexpectedly", waiting.id(),
                        LogSafe.escape(s.name())));
        entry.gateWait().set(wait);
        return waiting;
    }

    /** Why a schedule that was due must not launch now; null when it may. A run-now launches a paused schedule. */
    private static String whyNotLaunch(Schedule s, String trigger) {
        if (s.archived()) {
            return "the schedule was archived";
        }
        if (s.recoveryRequired() != null) {
            return "the schedule needs manual recovery";
        }
        if (!s.active() && !"run-now".equals(trigger)) {
            return "the schedule was paused";
        }
        return null;
    }

    /**
     * Cancels the execution of this schedule that waits for the gate, if any: it is recorded as cancelled with
     * {@code why} and never launched. A launched one is not touched. Blocking.
     *
     * @return whether one was cancelled
     */
    public boolean cancelWaiting(String scheduleId, String why) {
        WaitingExecution w = waitingBySchedule.remove(scheduleId);
        if (w == null) {
            return false;
        }
        Cancellable wait = w.gateWait().get();
        if (wait != null) {
            wait.cancel();
        }
        cancelled(w.schedule(), w.execution(), why);
        inFlight.remove(scheduleId);
        return true;
    }

    private void cancelled(Schedule s, JobExecution waiting, String why) {
        Instant now = Instant.now();
        JobExecution cancelled = new JobExecution(waiting.id(), s.id(), s.name(), s.experimentPath(), ExecutionStatus.CANCELLED,
                waiting.attempt(), waiting.retryCount(), null, now, null, why, null, null, null, waiting.createdAt(), false);
        executions.save(cancelled);
        publish("EXECUTION_CANCELLED", s, cancelled, Map.of());
        LOG.infof("Execution %s of %s cancelled: %s", cancelled.id(), LogSafe.escape(s.name()), LogSafe.escape(why));
    }

    private Uni<Void> launch(Schedule s, JobExecution waiting) {
        Instant start = Instant.now();
        List<String> command;
        try {
            command = CommandLauncher.command(commandOverride != null ? commandOverride : config.command(), Map.of("path", s.experimentPath(), "name", s.name(),
                    "schedule_id", s.id(), "execution_id", waiting.id()));
        } catch (IllegalArgumentException e) {
            finish(s, waiting, start, new CommandLauncher.Result(null, "", e.getMessage()), null);
            return Uni.createFrom().voidItem();
        }
        JobExecution running = new JobExecution(waiting.id(), s.id(), s.name(), s.experimentPath(), ExecutionStatus.RUNNING,
                waiting.attempt(), waiting.retryCount(), start, null, null, null, String.join(" ", command), null, null,
                waiting.createdAt(), false);
        executions.save(running);
        RunWatch watch = new RunWatch(running, start);
        watch.expected = s.expectedDuration();
        watches.put(running.id(), watch);
        publish("EXECUTION_STARTED", s, running, Map.of());
        watch.matchDeadline = Uni.createFrom().voidItem().onItem().delayIt().by(config.runMatchWindow())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(x -> noRunMatched(watch));
        if (s.expectedDuration() != null) {
            watch.longRunning = Uni.createFrom().voidItem().onItem().delayIt().by(s.expectedDuration())
                    .subscribe().with(x -> publish("LONG_RUNNING", s, running, Map.of("expected_duration", s.expectedDuration().toString())));
        }
        return CommandLauncher.run(command, config.commandTimeout(), config.outputTailChars())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(result -> finish(s, running, start, result, watch))
                .replaceWithVoid();
    }

    private void finish(Schedule s, JobExecution execution, Instant start, CommandLauncher.Result result, RunWatch watch) {
        if (watch == null || watch.holdsSlot) {
            gate.release();
        }
        if (watch != null) {
            watches.remove(watch.execution.id());
            if (watch.longRunning != null) {
                watch.longRunning.cancel();
            }
            if (watch.matchDeadline != null) {
                watch.matchDeadline.cancel();
            }
        }
        Instant end = Instant.now();
        ExecutionStatus status;
        String error = result.error();
        if (watch != null && watch.abortedBy != null) {
            status = ExecutionStatus.ABORTED;
            error = "HxRun run " + watch.runGuid + " ended " + watch.abortedBy;
        } else if (result.exitCode() != null && config.abortExitCodes().contains(result.exitCode())) {
            status = ExecutionStatus.ABORTED;
            error = "exit code " + result.exitCode() + " means the run was aborted";
        } else if (result.exitCode() != null && result.exitCode() == 0) {
            status = ExecutionStatus.COMPLETED;
        } else {
            status = ExecutionStatus.FAILED;
            error = error != null ? error : "exit code " + result.exitCode();
        }
        if (error == null && watch != null && watch.runGuid == null) {
            error = watch.unmatched;
        }
        JobExecution done = new JobExecution(execution.id(), s.id(), s.name(), s.experimentPath(), status, execution.attempt(),
                execution.retryCount(), start, end, result.exitCode(), error, execution.command(), result.outputTail(),
                watch == null ? null : watch.runGuid, execution.createdAt(), false);
        executions.save(done);
        Optional<Instant> regular = nextRegular(s, end);
        switch (status) {
            case COMPLETED -> {
                store.reschedule(s.id(), regular.orElse(null), start, 0);
                publish("EXECUTION_COMPLETED", s, done, Map.of());
            }
            case ABORTED -> {
                Recovery recovery = new Recovery(error, "vigil", end);
                store.requireRecovery(s.id(), recovery, regular.orElse(null), start);
                publish("EXECUTION_ABORTED", s, done, Map.of());
                publish("RECOVERY_REQUIRED", s, done, Map.of("note", error));
            }
            default -> {
                int retry = execution.attempt();
                if (retry <= s.retry().maxRetries()) {
                    Instant again = end.plus(s.retry().delayBefore(retry));
                    store.reschedule(s.id(), again, start, retry);
                    publish("EXECUTION_FAILED", s, done, Map.of("will_retry", true, "retry_at", again));
                } else {
                    store.reschedule(s.id(), regular.orElse(null), start, 0);
                    publish("EXECUTION_FAILED", s, done, Map.of("will_retry", false));
                }
            }
        }
        LOG.infof("Execution %s of %s: %s%s", done.id(), LogSafe.escape(s.name()), status.label(),
                error == null ? "" : " (" + LogSafe.escape(error) + ")");
    }

    private void capacityExhausted(Schedule s, JobExecution waiting, String why) {
        Instant now = Instant.now();
        JobExecution failed = new JobExecution(waiting.id(), s.id(), s.name(), s.experimentPath(), ExecutionStatus.FAILED,
                waiting.attempt(), waiting.retryCount(), null, now, null, why, null, null, null, waiting.createdAt(), false);
        executions.save(failed);
        store.reschedule(s.id(), nextRegular(s, now).orElse(null), null, 0);
        publish("CAPACITY_EXHAUSTED", s, failed, Map.of());
        LOG.warnf("Execution %s of %s: %s", failed.id(), LogSafe.escape(s.name()), LogSafe.escape(why));
    }

    /**
     * The next regular run after {@code after}; a schedule whose next run cannot be computed (past what Vigil stores)
     * is stopped with the reason as a recovery to resolve, never launched in a loop. Blocking.
     */
    Optional<Instant> nextRegular(Schedule s, Instant after) {
        NextRun.Next next = NextRun.regular(s, after, zone);
        if (next.error() != null) {
            store.requireRecovery(s.id(), new Recovery("next run cannot be computed: " + next.error(), "vigil", after), null, null);
            LOG.warnf("Schedule %s (%s) stopped: its next run cannot be computed: %s", s.id(), LogSafe.escape(s.name()),
                    LogSafe.escape(next.error()));
        }
        return next.asOptional();
    }

    /**
     * Ties an HxRun run to the launched execution it belongs to: a run of the execution's own method that started
     * after the launch (the oldest such launch first), never a run of another method or one that began before; then
     * notes how it ends.
     */
    private void followRuns(HubMessage message) {
        if (message instanceof HubMessage.Update u && CapacityGate.EXPERIMENTS.equals(u.update().source())
                && u.update().snapshot() instanceof ExperimentsSnapshot snapshot) {
            latestRuns = snapshot.recentRuns();
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
                watches.values().stream()
                        .filter(w -> w.runGuid == null && method != null
                                && MethodName.same(w.execution.experimentPath(), method.toString())
                                && !began.isBefore(w.launchedAt.minus(config.runMatchClockSkew())))
                        .min(java.util.Comparator.comparing(w -> w.launchedAt))
                        .ifPresent(w -> matched(w, guid.toString()));
            }
            case "RUN_ABORTED", "RUN_ERROR" -> watches.values().stream()
                    .filter(w -> guid.toString().equals(w.runGuid))
                    .forEach(w -> w.abortedBy = e.event().type().equals("RUN_ABORTED") ? "Aborted" : "in Error");
            default -> {
            }
        }
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
                e.retryCount(), e.start(), e.end(), e.exitCode(), w.unmatched, e.command(), e.outputTail(), null, e.createdAt(), false));
        LOG.warnf("Execution %s: %s", e.id(), LogSafe.escape(w.unmatched));
    }

    /**
     * Settles the executions an earlier process left unfinished (a restart, or a lease holder that died): one that
     * never launched fails as interrupted (its schedule runs again when due); a launched one follows its HxRun run —
     * still running, it is followed to its end; ended, it finishes as the run did; gone, it fails as interrupted. A
     * restart never stops a robot run. Needs the robot's runs: until the experiments source has polled once, it waits.
     * Blocking.
     *
     * @return whether everything was settled
     */
    boolean reconcile() {
        List<JobExecution> left = executions.unfinished().stream()
                .filter(e -> !watches.containsKey(e.id())
                        && waitingBySchedule.values().stream().noneMatch(w -> w.execution().id().equals(e.id())))
                .toList();
        List<HxRun> runs = latestRuns;
        boolean robotKnown = runs != null || !hub.hasSource(CapacityGate.EXPERIMENTS);
        boolean settled = true;
        for (JobExecution e : left) {
            Optional<Schedule> schedule = store.get(e.scheduleId());
            if (e.status() != ExecutionStatus.RUNNING) {
                interrupted(schedule, e, "interrupted by restart before it was launched; the schedule runs again when due");
                continue;
            }
            if (!robotKnown) {
                settled = false;
                continue;
            }
            Optional<HxRun> run = runs == null ? Optional.empty() : runs.stream()
                    .filter(r -> e.runGuid() != null ? r.runGuid().equals(e.runGuid())
                            : MethodName.same(e.experimentPath(), r.methodName()) && r.startTime() != null && e.start() != null
                                    && !r.startTime().isBefore(e.start().minus(config.runMatchClockSkew())))
                    .findFirst();
            if (run.isEmpty() || schedule.isEmpty()) {
                interrupted(schedule, e, "interrupted by restart; " + (e.runGuid() == null ? "no HxRun run of method '"
                        + MethodName.of(e.experimentPath()) + "' was found" : "HxRun run " + e.runGuid() + " is no longer listed")
                        + ", so how it ended is unknown");
                continue;
            }
            RunWatch watch = new RunWatch(e, e.start() == null ? e.createdAt() : e.start(), false);
            watch.runGuid = run.get().runGuid();
            watch.expected = schedule.get().expectedDuration();
            watches.put(e.id(), watch);
            inFlight.add(e.scheduleId());
            LOG.infof("Execution %s of %s: following HxRun run %s after a restart", e.id(), LogSafe.escape(e.scheduleName()),
                    watch.runGuid);
        }
        settleAdopted(runs == null ? List.of() : runs);
        cleanUpJobLogs();
        return settled;
    }

    /** Finishes the runs followed after a restart that HxRun shows ended (there is no process to wait for). */
    private void settleAdopted(List<HxRun> runs) {
        for (RunWatch w : watches.values()) {
            if (w.holdsSlot || w.runGuid == null) {
                continue;
            }
            runs.stream().filter(r -> r.runGuid().equals(w.runGuid) && r.state().terminal()).findFirst().ifPresent(r -> {
                if (watches.remove(w.execution.id()) == null) {
                    return;
                }
                Uni.createFrom().item(() -> {
                    store.get(w.execution.scheduleId()).ifPresent(s -> {
                        w.abortedBy = r.state() == RunState.ABORTED ? "Aborted" : r.state() == RunState.ERROR ? "in Error" : null;
                        watches.put(w.execution.id(), w);
                        finish(s, w.execution, w.launchedAt, r.state() == RunState.COMPLETE ? new CommandLauncher.Result(0, "", null)
                                : new CommandLauncher.Result(null, "", "HxRun run " + r.runGuid() + " ended " + r.rawState()), w);
                    });
                    inFlight.remove(w.execution.scheduleId());
                    return null;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(x -> {
                }, f -> LOG.errorf(LogSafe.escape(f), "Execution %s could not be finished", w.execution.id()));
            });
        }
    }

    private void interrupted(Optional<Schedule> schedule, JobExecution e, String why) {
        Instant now = Instant.now();
        JobExecution failed = new JobExecution(e.id(), e.scheduleId(), e.scheduleName(), e.experimentPath(), ExecutionStatus.FAILED,
                e.attempt(), e.retryCount(), e.start(), now, null, why, e.command(), e.outputTail(), e.runGuid(), e.createdAt(), false);
        executions.save(failed);
        schedule.ifPresent(s -> publish("EXECUTION_FAILED", s, failed, Map.of("will_retry", false)));
        LOG.warnf("Execution %s of %s: %s", e.id(), LogSafe.escape(e.scheduleName()), why);
    }

    /** Job logs of processes that are gone (their commands may still be writing them: harmless on delete). */
    private void cleanUpJobLogs() {
        CommandLauncher.deleteLogsOfEndedProcesses();
    }

    private void publish(String type, Schedule s, JobExecution e, Map<String, Object> extra) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("schedule_id", s.id());
        attributes.put("schedule_name", s.name());
        attributes.put("experiment_path", s.experimentPath());
        attributes.put("execution_id", e.id());
        attributes.put("status", e.status().label());
        attributes.put("attempt", e.attempt());
        if (e.exitCode() != null) {
            attributes.put("exit_code", e.exitCode());
        }
        if (e.error() != null) {
            attributes.put("error", e.error());
        }
        if (e.runGuid() != null) {
            attributes.put("run_guid", e.runGuid());
        }
        attributes.putAll(extra);
        hub.publish(new StreamEvent(TOPIC, type, attributes, Instant.now()));
    }

    /** Replaces {@code vigil.scheduler.command}: the demo launches its simulated robot instead of HxRun.exe. */
    public void overrideCommand(String template) {
        commandOverride = template;
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
}
