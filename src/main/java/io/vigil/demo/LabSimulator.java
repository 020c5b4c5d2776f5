package io.vigil.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;
import io.vigil.schedule.RunFollower;

/**
 * A pretend Hamilton robot for the embedded default: it writes HxRun rows the way VENUS does (a run starts as 1,
 * may pause as 2, ends as 128 or is aborted as 64), through its own connection. Vigil's experiments source reads
 * them like any lab database; nothing in Vigil knows the rows are simulated.
 *
 * <p>It is the same robot the demo's schedules launch methods on ({@link SimulatedRobot}), so it runs one method at a
 * time: its own runs wait while a launched one is under way, as lab staff would not start a method by hand then.
 * Every {@code vigil.demo.load-check-failure-every}, starting now, it lets the next launched method fail its load
 * check, so a new user soon sees a failed execution retried per its schedule's policy.
 */
@ApplicationScoped
public class LabSimulator {

    private static final Logger LOG = Logger.getLogger(LabSimulator.class);
    static final String LOAD_CHECK_FAILURE = "load check failed: no plate on carrier 3, position 1"
            + " (the demo fails a launched method now and then, so its retry shows)";
    private static final List<String> METHODS = List.of("Cell_Plating_96", "PCR_Setup", "Serial_Dilution",
            "Normalization_384", "DNA_Extraction", "ELISA_Wash");
    private final DemoConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final BooleanSupplier launchUnderWay;
    private final SimulatedRobot robot;
    private String currentRun;
    private int state;
    private int ticksLeft;
    private int pausedTicks;
    private int idleTicks = 1;
    private boolean failing;
    private boolean prepared;
    private Instant nextLoadCheckFailure;

    @Inject
    public LabSimulator(DemoConfig config, RunFollower runs) {
        this(config, Clock.systemDefaultZone(), RandomGenerator.getDefault(), () -> !runs.runningExecutions().isEmpty());
    }

    /** @param launchUnderWay whether the scheduler has launched a method that may not have reached HxRun yet */
    LabSimulator(DemoConfig config, Clock clock, RandomGenerator random, BooleanSupplier launchUnderWay) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.launchUnderWay = launchUnderWay;
        this.robot = new SimulatedRobot(config.hxrunTable());
    }

    void createTable(@Observes @Priority(1000) Started event) {
        if (config.enabled()) {
            prepare();
        }
    }

    /** The scheduler may tick before start-up observers ran: whoever comes first creates the table. */
    private synchronized void prepare() {
        if (prepared) {
            return;
        }
        String table = config.hxrunTable();
        String schema = table.contains(".") ? table.substring(0, table.lastIndexOf('.')) : null;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (schema != null) {
                String bareSchema = schema.substring(schema.lastIndexOf('.') + 1);
                s.execute("CREATE SCHEMA IF NOT EXISTS " + bareSchema);
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (RunGUID VARCHAR(64) PRIMARY KEY, MethodName VARCHAR(255),"
                    + " StartTime DATETIME2, EndTime DATETIME2, RunState INT)");
            robot.create(s);
            LOG.infof("Demo lab simulator writes %s every %s", table, config.tick());
            prepared = true;
        } catch (SQLException e) {
            LOG.warnf("Demo lab simulator cannot prepare %s: %s", table, LogSafe.escape(e.getMessage()));
        }
    }

    @Scheduled(every = "${vigil.demo.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DemoOff.class)
    void tick() {
        prepare();
        try (Connection c = connect()) {
            step(c);
        } catch (SQLException e) {
            if (!failing) {
                LOG.warnf("Demo lab simulator cannot write HxRun: %s", LogSafe.escape(e.getMessage()));
            }
            failing = true;
            return;
        }
        failing = false;
    }

    private void step(Connection c) throws SQLException {
        Instant now = clock.instant();
        Optional<Duration> failureEvery = config.loadCheckFailureEvery();
        if (failureEvery.isPresent() && (nextLoadCheckFailure == null || !now.isBefore(nextLoadCheckFailure))) {
            robot.setFault(c, LOAD_CHECK_FAILURE);
            nextLoadCheckFailure = now.plus(failureEvery.get());
        }
        if (currentRun == null) {
            if (idleTicks > 0 && --idleTicks > 0) {
                return;
            }
            // A launched method takes a moment to reach HxRun: the robot is promised to it from the launch on.
            if (launchUnderWay.getAsBoolean()) {
                return;
            }
            try {
                currentRun = robot.start(c, METHODS.get(random.nextInt(METHODS.size())), now(), false);
            } catch (SimulatedRobot.Refused busy) {
                return; // a launched method runs: try again next tick
            }
            state = SimulatedRobot.RUNNING;
            ticksLeft = 5 + random.nextInt(11);
            return;
        }
        if (state == SimulatedRobot.PAUSED) {
            if (--pausedTicks <= 0) {
                update(c, SimulatedRobot.RUNNING, false);
            }
            return;
        }
        if (--ticksLeft <= 0) {
            update(c, random.nextInt(100) < 15 ? SimulatedRobot.ABORTED : SimulatedRobot.COMPLETE, true);
            currentRun = null;
            idleTicks = 1 + random.nextInt(4);
        } else if (random.nextInt(100) < 8) {
            pausedTicks = 2 + random.nextInt(3);
            update(c, SimulatedRobot.PAUSED, false);
        }
    }

    private void update(Connection c, int newState, boolean ended) throws SQLException {
        robot.setState(c, currentRun, newState, ended ? now() : null);
        state = newState;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.hxrunUrl(), config.hxrunUsername().orElse(""),
                config.hxrunPassword().orElse(""));
    }

    /** Skips the scheduled tick unless {@code vigil.demo=true}. */
    @ApplicationScoped
    static class DemoOff implements Scheduled.SkipPredicate {

        private final DemoConfig config;

        DemoOff(DemoConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
