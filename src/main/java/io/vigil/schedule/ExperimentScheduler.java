package io.vigil.schedule;

import java.time.Instant;
import java.time.ZoneId;
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

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.cluster.LeaderLease;
import io.vigil.log.LogSafe;
import io.vigil.store.VigilDatabase;

/**
 * Runs due schedules: each execution waits at the {@link CapacityGate}, launches the command, is tied to the HxRun
 * run it started ({@link RunFollower}), and ends completed, failed (retried per the schedule's one retry policy) or
 * aborted (the schedule then needs manual recovery). Every step is an event on the hub's {@code scheduler} topic
 * ({@link SchedulerEvents}). What an earlier process left unfinished is settled first ({@link RestartReconciler}).
 * JDBC and process launches run on worker threads.
 */
@ApplicationScoped
public class ExperimentScheduler {

    private static final Logger LOG = Logger.getLogger(ExperimentScheduler.class);
    public static final String TOPIC = "scheduler";

    private final ScheduleStore store;
    private final ExecutionStore executions;
    private final CapacityGate gate;
    private final RunFollower follower;
    private final RestartReconciler reconciler;
    private final SchedulerEvents events;
    private final ScheduleConfig config;
    private final LeaderLease lease;
    private final VigilDatabase database;
    private final ZoneId zone;
    /** Schedules with an execution under way (waiting, launched or followed after a restart): one at a time each. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Executions waiting at the gate, by schedule: the ones archiving, pausing or deleting a schedule cancels. */
    private final Map<String, WaitingExecution> waitingBySchedule = new ConcurrentHashMap<>();
    private volatile String commandOverride;
    /** Whether what an earlier process (or lease holder) left unfinished has been settled. */
    private volatile boolean reconciled;

    public ExperimentScheduler(ScheduleStore store, ExecutionStore executions, CapacityGate gate, RunFollower follower,
            RestartReconciler reconciler, SchedulerEvents events, ScheduleConfig config, LeaderLease lease,
            VigilDatabase database) {
        this.store = store;
        this.executions = executions;
        this.gate = gate;
        this.follower = follower;
        this.reconciler = reconciler;
        this.events = events;
        this.config = config;
        this.lease = lease;
        this.database = database;
        this.zone = config.timeZone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    /** An execution waiting for the gate, and the wait to cancel. */
    private record WaitingExecution(Schedule schedule, JobExecution execution, String trigger,
            AtomicReference<Cancellable> gateWait) {
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
                reconciled = reconciler.settle(this::waitingHere, inFlight::add);
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
                ExecutionStatus.WAITING_CAPACITY, s.retryAttempt() + 1, s.retryAttempt(), null, null, null, null, null, null,
                null,
                now, false);
        executions.save(waiting);
        events.publish("EXECUTION_WAITING", s, waiting, Map.of("trigger", trigger));
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
        events.publish("EXECUTION_CANCELLED", s, cancelled, Map.of());
        LOG.infof("Execution %s of %s cancelled: %s", cancelled.id(), LogSafe.escape(s.name()), LogSafe.escape(why));
    }

    private Uni<Void> launch(Schedule s, JobExecution waiting) {
        Instant start = Instant.now();
        List<String> command;
        try {
            command = CommandLauncher.command(commandOverride != null ? commandOverride : config.command(),
                    Map.of("path", s.experimentPath(), "name", s.name(),
                            "schedule_id", s.id(), "execution_id", waiting.id()));
        } catch (IllegalArgumentException e) {
            finish(s, waiting, start, new CommandLauncher.Result(null, "", e.getMessage()), null);
            return Uni.createFrom().voidItem();
        }
        JobExecution running = new JobExecution(waiting.id(), s.id(), s.name(), s.experimentPath(), ExecutionStatus.RUNNING,
                waiting.attempt(), waiting.retryCount(), start, null, null, null, String.join(" ", command), null, null,
                waiting.createdAt(), false);
        executions.save(running);
        RunFollower.RunWatch watch = follower.follow(running, start, s.expectedDuration());
        events.publish("EXECUTION_STARTED", s, running, Map.of());
        if (s.expectedDuration() != null) {
            watch.longRunning = Uni.createFrom().voidItem().onItem().delayIt().by(s.expectedDuration())
                    .subscribe().with(x -> events.publish("LONG_RUNNING", s, running,
                            Map.of("expected_duration", s.expectedDuration().toString())));
        }
        return CommandLauncher.run(command, config.commandTimeout(), config.outputTailChars())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(result -> finish(s, running, start, result, watch))
                .replaceWithVoid();
    }

    private void finish(Schedule s, JobExecution execution, Instant start, CommandLauncher.Result result,
            RunFollower.RunWatch watch) {
        if (watch == null || watch.holdsSlot) {
            gate.release();
        }
        if (watch != null) {
            follower.stop(watch);
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
                events.publish("EXECUTION_COMPLETED", s, done, Map.of());
            }
            case ABORTED -> {
                Recovery recovery = new Recovery(error, "vigil", end);
                store.requireRecovery(s.id(), recovery, regular.orElse(null), start);
                events.publish("EXECUTION_ABORTED", s, done, Map.of());
                events.publish("RECOVERY_REQUIRED", s, done, Map.of("note", error));
            }
            default -> {
                int retry = execution.attempt();
                if (retry <= s.retry().maxRetries()) {
                    Instant again = end.plus(s.retry().delayBefore(retry));
                    store.reschedule(s.id(), again, start, retry);
                    events.publish("EXECUTION_FAILED", s, done, Map.of("will_retry", true, "retry_at", again));
                } else {
                    store.reschedule(s.id(), regular.orElse(null), start, 0);
                    events.publish("EXECUTION_FAILED", s, done, Map.of("will_retry", false));
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
        events.publish("CAPACITY_EXHAUSTED", s, failed, Map.of());
        LOG.warnf("Execution %s of %s: %s", failed.id(), LogSafe.escape(s.name()), LogSafe.escape(why));
    }

    /**
     * The next regular run after {@code after}; a schedule whose next run cannot be computed (past what Vigil stores)
     * is stopped with the reason as a recovery to resolve, never launched in a loop. Blocking.
     */
    Optional<Instant> nextRegular(Schedule s, Instant after) {
        NextRun.Next next = NextRun.regular(s, after, zone);
        if (next.error() != null) {
            store.requireRecovery(s.id(), new Recovery("next run cannot be computed: " + next.error(), "vigil", after), null,
                    null);
            LOG.warnf("Schedule %s (%s) stopped: its next run cannot be computed: %s", s.id(), LogSafe.escape(s.name()),
                    LogSafe.escape(next.error()));
        }
        return next.asOptional();
    }

    /** A run an earlier process launched ended as HxRun shows: finish its execution as that run did. Blocking. */
    void adoptedRunEnded(@Observes RunFollower.AdoptedRunEnded ended) {
        RunFollower.RunWatch w = ended.watch();
        store.get(w.execution.scheduleId()).ifPresent(s -> finish(s, w.execution, w.launchedAt, ended.result(), w));
        inFlight.remove(w.execution.scheduleId());
    }

    private boolean waitingHere(String executionId) {
        return waitingBySchedule.values().stream().anyMatch(w -> w.execution().id().equals(executionId));
    }

    /**
     * Replaces {@code vigil.scheduler.command}. Only the demo calls it: its simulated robot is a Java process whose
     * command line (this JVM, the application's classpath, a login file made at start) is known only at run time, so
     * no configuration could name it.
     */
    public void overrideCommand(String template) {
        commandOverride = template;
    }
}
