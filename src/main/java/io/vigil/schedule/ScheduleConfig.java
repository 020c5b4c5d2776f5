package io.vigil.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The experiment scheduler. */
@ConfigMapping(prefix = "vigil.scheduler")
public interface ScheduleConfig {

    /** Whether schedules run at all (the REST API works either way). */
    boolean enabled();

    /** Jobs that may run at once. */
    int maxConcurrentJobs();

    /** How long a due job waits for the capacity gate before it fails as "capacity exhausted". */
    Duration capacityWait();

    /** Resource conditions for the gate, each "series op number", e.g. "host.cpu.percent < 90". */
    Optional<List<String>> resourcePredicates();

    /** The command launched per job; {path}, {name}, {schedule_id} and {execution_id} are filled in. */
    String command();

    /** The longest a launched command may run before it is stopped and the execution fails. */
    Duration commandTimeout();

    /** How much of the command's output is kept with the execution. */
    int outputTailChars();

    /** Exit codes that mean the run was aborted (the schedule then needs manual recovery) rather than failed. */
    List<Integer> abortExitCodes();

    /**
     * How long after a launch an HxRun run of the launched method may start and still be tied to it; after that the
     * execution says no run was matched.
     */
    Duration runMatchWindow();

    /** How far the robot PC's clock may lag Vigil's when a run's start is compared with the launch. */
    Duration runMatchClockSkew();

    /**
     * A busy robot run with no state change for longer than its schedule's expected duration times this factor is
     * stuck (alert RobotRunStuck).
     */
    @WithName("stuck.factor")
    double stuckFactor();

    /** The same, for a run with no expected duration (not launched by Vigil, or its schedule has none). */
    @WithName("stuck.maximum")
    Duration stuckMaximum();

    /** How often the scheduler's own readings (executions running and waiting, stuck runs) are published. */
    Duration metricsInterval();

    /** Zone of daily, weekly and cron schedules. */
    Optional<String> timeZone();

    /** How often due schedules are looked for. */
    Duration tick();
}
