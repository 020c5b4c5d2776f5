package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.testing.ManualClock;

/** The simulated robot, like a real one, runs one method at a time. */
class LabSimulatorTest {

    private final RobotTestDatabase db = new RobotTestDatabase();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final AtomicBoolean launchUnderWay = new AtomicBoolean();
    private final LabSimulator simulator = new LabSimulator(db.config, clock, new SplittableRandom(11), launchUnderWay::get);

    @BeforeEach
    void hxrunTable() throws SQLException {
        db.execute("CREATE SCHEMA IF NOT EXISTS dbo");
        db.execute("CREATE TABLE " + RobotTestDatabase.TABLE + " (RunGUID VARCHAR(64) PRIMARY KEY, MethodName VARCHAR(255),"
                + " StartTime DATETIME2, EndTime DATETIME2, RunState INT)");
    }

    @Test
    void theSimulatorStartsNoMethodOfItsOwnWhileALaunchedRunIsRunning() throws SQLException {
        // A scheduled execution launched the robot, whose method is running now.
        db.execute("INSERT INTO " + RobotTestDatabase.TABLE + " (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES"
                + " ('LAUNCHED', 'Plate_Wash_96', ?, NULL, 1)", Timestamp.valueOf(LocalDateTime.now(clock)));

        for (int i = 0; i < 60; i++) {
            tick();
            assertThat(db.busyRuns()).as("runs Running or Paused after tick %d", i + 1).isEqualTo(1);
        }
        assertThat(db.methods()).containsExactly("Plate_Wash_96");
    }

    @Test
    void theSimulatorsOwnRunsResumeOnceTheLaunchedRunHasEnded() throws SQLException {
        db.execute("INSERT INTO " + RobotTestDatabase.TABLE + " (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES"
                + " ('LAUNCHED', 'Plate_Wash_96', ?, NULL, 2)", Timestamp.valueOf(LocalDateTime.now(clock)));
        tick();
        assertThat(db.methods()).as("a Paused run keeps the robot busy too").containsExactly("Plate_Wash_96");

        db.execute("UPDATE " + RobotTestDatabase.TABLE + " SET RunState = 128 WHERE RunGUID = 'LAUNCHED'");
        tick();
        assertThat(db.methods()).hasSize(2);
        assertThat(db.busyRuns()).isEqualTo(1);
    }

    @Test
    void theSimulatorWaitsWhileALaunchedMethodIsOnItsWayToHxRun() throws SQLException {
        // The scheduler has launched a method whose process has not written its Running row yet.
        launchUnderWay.set(true);
        for (int i = 0; i < 5; i++) {
            tick();
        }
        assertThat(db.methods()).isEmpty();

        launchUnderWay.set(false);
        tick();
        assertThat(db.busyRuns()).isEqualTo(1);
    }

    @Test
    void onItsOwnTheSimulatorRunsOneMethodAfterAnother() throws SQLException {
        for (int i = 0; i < 300; i++) {
            tick();
            assertThat(db.busyRuns()).isLessThanOrEqualTo(1);
        }
        assertThat(db.count("RunState IN (64, 128)")).as("runs that ended").isGreaterThan(5);
    }

    private void tick() {
        simulator.tick();
        clock.advance(db.config.tick());
    }
}
