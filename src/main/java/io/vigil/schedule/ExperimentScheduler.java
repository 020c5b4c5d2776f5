package io.vigil.schedule;

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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.log.LogSafe;

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
    private final CapacityGate gate;
    private final MetricsHub hub;
    private final ScheduleConfig config;
    private final SchedulerLease lease;
    private final io.vigil.store.VigilDatabase database;
    private final ZoneId zone;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, RunWatch> watches = new ConcurrentHashMap<>();
    private volatile String commandOverride;

    public ExperimentScheduler(ScheduleStore store, CapacityGate gate, MetricsHub hub, ScheduleConfig config, SchedulerLease lease,
            io.vigil.store.VigilDatabase database) {
        this.database = database;
        this.store = store;
        this.gate = gate;
        this.hub = hub;
        this.config = config;
        this.lease = lease;
        this.zone = config.timeZone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    /** What is known of the HxRun run an execution launched. */
    private static final class RunWatch {
        final String executionId;
        final Instant launchedAt;
        volatile String runGuid;
        volatile String abortedBy;
        volatile Cancellable longRunning;

        RunWatch(String executionId, Instant launchedAt) {
            this.executionId = executionId;
            this.launchedAt = launchedAt;
        }
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
        if (!config.enabled() || !database.ready() || !lease.held()) {
            return;
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
        store.saveExecution(waiting);
        publish("EXECUTION_WAITING", s, waiting, Map.of("trigger", trigger));
        gate.acquire(config.capacityWait())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(slot -> launch(s, waiting))
                .onFailure(CapacityGate.CapacityExhausted.class).recoverWithItem(f -> {
                    capacityExhausted(s, waiting, f.getMessage());
                    return null;
                })
                .onTermination().invoke(() -> inFlight.remove(s.id()))
                .subscribe().with(done -> {
                }, f -> LOG.errorf(LogSafe.escape(f), "Execution %s of %s failed unexpectedly", waiting.id(),
                        LogSafe.escape(s.name())));
        return waiting;
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
        store.saveExecution(running);
        RunWatch watch = new RunWatch(running.id(), start);
        watches.put(running.id(), watch);
        publish("EXECUTION_STARTED", s, running, Map.of());
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
        gate.release();
        if (watch != null) {
            watches.remove(watch.executionId);
            if (watch.longRunning != null) {
                watch.longRunning.cancel();
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
        JobExecution done = new JobExecution(execution.id(), s.id(), s.name(), s.experimentPath(), status, execution.attempt(),
                execution.retryCount(), start, end, result.exitCode(), error, execution.command(), result.outputTail(),
                watch == null ? null : watch.runGuid, execution.createdAt(), false);
        store.saveExecution(done);
        Optional<Instant> regular = nextRegular(s, end);
        switch (status) {
            case COMPLETED -> {
                store.reschedule(s.id(), regular.orElse(null), start, 0);
                publish("EXECUTION_COMPLETED", s, done, Map.of());
            }
            case ABORTED -> {
                Recovery recovery = new Recovery(error, "vigil", end);
                store.requireRecovery(s.id(), recovery, regular.orElse(null));
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
        store.saveExecution(failed);
        store.reschedule(s.id(), nextRegular(s, now).orElse(null), null, 0);
        publish("CAPACITY_EXHAUSTED", s, failed, Map.of());
        LOG.warnf("Execution %s of %s: %s", failed.id(), LogSafe.escape(s.name()), LogSafe.escape(why));
    }

    Optional<Instant> nextRegular(Schedule s, Instant after) {
        Instant anchor = s.startAt() != null ? s.startAt() : s.createdAt();
        return NextRun.after(s.scheduleType(), s.intervalHours(), s.cron(), anchor, after, zone);
    }

    /** Ties the first HxRun run that starts after a launch to that execution, and notes how it ends. */
    private void followRuns(HubMessage message) {
        if (!(message instanceof HubMessage.Event e) || !CapacityGate.EXPERIMENTS.equals(e.event().source())) {
            return;
        }
        Object guid = e.event().attributes().get("run_guid");
        if (guid == null) {
            return;
        }
        switch (e.event().type()) {
            case "RUN_STARTED" -> watches.values().stream()
                    .filter(w -> w.runGuid == null && !e.event().ts().isBefore(w.launchedAt))
                    .min(java.util.Comparator.comparing(w -> w.launchedAt))
                    .ifPresent(w -> w.runGuid = guid.toString());
            case "RUN_ABORTED", "RUN_ERROR" -> watches.values().stream()
                    .filter(w -> guid.toString().equals(w.runGuid))
                    .forEach(w -> w.abortedBy = e.event().type().equals("RUN_ABORTED") ? "Aborted" : "in Error");
            default -> {
            }
        }
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

    /** Executions under way now. */
    public List<String> runningExecutions() {
        return new ArrayList<>(watches.keySet());
    }
}
