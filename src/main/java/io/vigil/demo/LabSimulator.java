package io.vigil.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.log.LogSafe;

/**
 * A pretend Hamilton robot for the embedded default: it writes HxRun rows the way VENUS does (a run starts as 1,
 * may pause as 2, ends as 128 or is aborted as 64), through its own connection. Vigil's experiments source reads
 * them like any lab database; nothing in Vigil knows the rows are simulated.
 */
@ApplicationScoped
public class LabSimulator {

    private static final Logger LOG = Logger.getLogger(LabSimulator.class);
    private static final List<String> METHODS = List.of("Cell_Plating_96", "PCR_Setup", "Serial_Dilution",
            "Normalization_384", "DNA_Extraction", "ELISA_Wash");
    static final int RUNNING = 1;
    static final int PAUSED = 2;
    static final int ABORTED = 64;
    static final int COMPLETE = 128;

    private final DemoConfig config;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private String currentRun;
    private int state;
    private int ticksLeft;
    private int pausedTicks;
    private int idleTicks = 1;
    private boolean failing;
    private boolean prepared;

    public LabSimulator(DemoConfig config) {
        this.config = config;
    }

    void createTable(@Observes @Priority(1000) StartupEvent event) {
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
        if (currentRun == null) {
            if (--idleTicks > 0) {
                return;
            }
            currentRun = UUID.randomUUID().toString().toUpperCase();
            state = RUNNING;
            ticksLeft = 5 + random.nextInt(11);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + config.hxrunTable()
                    + " (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES (?, ?, ?, NULL, ?)")) {
                p.setString(1, currentRun);
                p.setString(2, METHODS.get(random.nextInt(METHODS.size())));
                p.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now()));
                p.setInt(4, RUNNING);
                p.executeUpdate();
            }
            return;
        }
        if (state == PAUSED) {
            if (--pausedTicks <= 0) {
                update(c, RUNNING, false);
            }
            return;
        }
        if (--ticksLeft <= 0) {
            update(c, random.nextInt(100) < 15 ? ABORTED : COMPLETE, true);
            currentRun = null;
            idleTicks = 1 + random.nextInt(4);
        } else if (random.nextInt(100) < 8) {
            pausedTicks = 2 + random.nextInt(3);
            update(c, PAUSED, false);
        }
    }

    private void update(Connection c, int newState, boolean ended) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + config.hxrunTable()
                + " SET RunState = ?, EndTime = ? WHERE RunGUID = ?")) {
            p.setInt(1, newState);
            if (ended) {
                p.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now()));
            } else {
                p.setNull(2, java.sql.Types.TIMESTAMP);
            }
            p.setString(3, currentRun);
            p.executeUpdate();
        }
        state = newState;
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
