package io.vigil.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.hub.MetricsHub;
import io.vigil.hub.view.HxRun;
import io.vigil.log.LogSafe;

/**
 * Settles the executions an earlier process left unfinished (a restart, or a lease holder that died): one that never
 * launched fails as interrupted (its schedule runs again when due); a launched one follows its HxRun run — still
 * running, it is followed to its end; ended, it finishes as the run did; gone, it fails as interrupted. A restart
 * never stops a robot run. Needs the robot's runs: until the experiments source has polled once, it waits.
 */
@ApplicationScoped
public class RestartReconciler {

    private static final Logger LOG = Logger.getLogger(RestartReconciler.class);

    private final ExecutionStore executions;
    private final ScheduleStore schedules;
    private final RunFollower follower;
    private final MetricsHub hub;
    private final ScheduleConfig config;
    private final SchedulerEvents events;

    public RestartReconciler(ExecutionStore executions, ScheduleStore schedules, RunFollower follower, MetricsHub hub,
            ScheduleConfig config, SchedulerEvents events) {
        this.executions = executions;
        this.schedules = schedules;
        this.follower = follower;
        this.hub = hub;
        this.config = config;
        this.events = events;
    }

    /**
     * Settles what is left. Blocking.
     *
     * @param waitingHere whether an execution (by id) waits at this process' gate: it is this process', not left
     * @param underWay told the schedule of each execution followed again, before any of them can finish
     * @return whether everything was settled
     */
    boolean settle(Predicate<String> waitingHere, Consumer<String> underWay) {
        List<JobExecution> left = executions.unfinished().stream()
                .filter(e -> !follower.follows(e.id()) && !waitingHere.test(e.id()))
                .toList();
        List<HxRun> runs = follower.latestRuns();
        // A timer may fire before the hub has registered its sources: the robot is unknown then, not absent.
        boolean robotKnown = runs != null || (hub.started() && !hub.hasSource(CapacityGate.EXPERIMENTS));
        boolean settled = true;
        for (JobExecution e : left) {
            Optional<Schedule> schedule = schedules.get(e.scheduleId());
            if (e.status() != ExecutionStatus.RUNNING) {
                interrupted(schedule, e, "interrupted by restart before it was launched; the schedule runs again when due");
                continue;
            }
            if (!robotKnown) {
                settled = false;
                continue;
            }
            Optional<HxRun> run = runs == null
                    ? Optional.empty()
                    : runs.stream()
                            .filter(r -> e.runGuid() != null
                                    ? r.runGuid().equals(e.runGuid())
                                    : MethodName.same(e.experimentPath(), r.methodName()) && r.startTime() != null
                                            && e.start() != null
                                            && !r.startTime().isBefore(e.start().minus(config.runMatchClockSkew())))
                            .findFirst();
            if (run.isEmpty() || schedule.isEmpty()) {
                interrupted(schedule, e, "interrupted by restart; " + (e.runGuid() == null
                        ? "no HxRun run of method '"
                                + MethodName.of(e.experimentPath()) + "' was found"
                        : "HxRun run " + e.runGuid() + " is no longer listed")
                        + ", so how it ended is unknown");
                continue;
            }
            RunFollower.RunWatch watch = follower.adopt(e, run.get().runGuid(), schedule.get().expectedDuration());
            underWay.accept(e.scheduleId());
            LOG.infof("Execution %s of %s: following HxRun run %s after a restart", e.id(), LogSafe.escape(e.scheduleName()),
                    watch.runGuid);
        }
        follower.settleAdopted(runs == null ? List.of() : runs);
        // Job logs of processes that are gone (their commands may still be writing them: harmless on delete).
        CommandLauncher.deleteLogsOfEndedProcesses();
        return settled;
    }

    private void interrupted(Optional<Schedule> schedule, JobExecution e, String why) {
        Instant now = Instant.now();
        JobExecution failed = new JobExecution(e.id(), e.scheduleId(), e.scheduleName(), e.experimentPath(),
                ExecutionStatus.FAILED,
                e.attempt(), e.retryCount(), e.start(), now, null, why, e.command(), e.outputTail(), e.runGuid(), e.createdAt(),
                false);
        executions.save(failed);
        schedule.ifPresent(s -> events.publish("EXECUTION_FAILED", s, failed, Map.of("will_retry", false)));
        LOG.warnf("Execution %s of %s: %s", e.id(), LogSafe.escape(e.scheduleName()), why);
    }
}
