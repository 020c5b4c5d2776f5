package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.testing.ManualClock;

/**
 * A launched method on the demo's robot: refused while the robot is busy, as HxRun refuses a second method on an
 * instrument in use, and run once it is free; now and then one fails its load check, so the demo shows a retry. It
 * logs in over the demo's TCP port with the robot's own login.
 */
class RobotRunTest {

    private final RobotTestDatabase db = new RobotTestDatabase();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final AtomicBoolean launchUnderWay = new AtomicBoolean();
    private final LabSimulator simulator = new LabSimulator(db.config, clock, new SplittableRandom(3), launchUnderWay::get);
    private final RobotDatabaseServer server = new RobotDatabaseServer(db.config);
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private RobotLogin login;

    @BeforeEach
    void openTheRobotsDatabase() throws SQLException, IOException {
        simulator.createTable(null);
        login = RobotLogin.read(server.open());
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aLaunchedMethodIsRefusedWhileTheSimulatorsRunIsUnderWay() throws Exception {
        tick();
        assertThat(db.busyRuns()).isEqualTo(1);

        assertThat(launch("Plate_Wash_96")).isEqualTo(RobotRun.REFUSED);
        assertThat(printed()).contains("Plate_Wash_96 not started: the robot is busy");
        assertThat(db.methods()).doesNotContain("Plate_Wash_96");
        assertThat(db.busyRuns()).isEqualTo(1);
    }

    @Test
    void aLaunchedMethodRunsOnAnIdleRobot() throws Exception {
        assertThat(launch("Plate_Wash_96")).isEqualTo(RobotRun.COMPLETED);
        assertThat(db.methods()).containsExactly("Plate_Wash_96");
        assertThat(db.count("RunState = 128")).isEqualTo(1);

        assertThat(launch("Abort_Test")).isEqualTo(RobotRun.ABORTED);
        assertThat(db.count("RunState = 64")).isEqualTo(1);
    }

    @Test
    void nowAndThenALaunchedMethodFailsItsLoadCheckAndItsRetryRuns() throws Exception {
        db.loadCheckFailureEvery = Duration.ofMinutes(10);
        launchUnderWay.set(true); // the simulator's own runs keep out of the way
        tick(); // at start

        assertThat(launch("Plate_Wash_96")).as("the first launch").isEqualTo(RobotRun.REFUSED);
        assertThat(printed()).contains("Plate_Wash_96 not started: load check failed");
        assertThat(db.methods()).isEmpty();
        assertThat(launch("Plate_Wash_96")).as("its retry").isEqualTo(RobotRun.COMPLETED);

        // Within the ten minutes every launch runs.
        for (int i = 0; i < 100; i++) {
            tick();
            assertThat(launch("PCR_Setup_384")).isEqualTo(RobotRun.COMPLETED);
        }
        clock.set(Instant.parse("2026-03-02T09:10:00Z"));
        tick();
        assertThat(launch("PCR_Setup_384")).isEqualTo(RobotRun.REFUSED);
        assertThat(launch("PCR_Setup_384")).isEqualTo(RobotRun.COMPLETED);
    }

    @Test
    void theSimulatorsOwnRunsDoNotMeetTheLoadCheckFailure() throws Exception {
        db.loadCheckFailureEvery = Duration.ofMinutes(10);
        tick();
        assertThat(db.busyRuns()).as("the simulator's own run started").isEqualTo(1);
        db.execute("UPDATE " + RobotTestDatabase.TABLE + " SET RunState = 128");

        assertThat(launch("Plate_Wash_96")).as("it was left for a launched method").isEqualTo(RobotRun.REFUSED);
        assertThat(printed()).contains("load check failed");
    }

    @Test
    void startsAtTheSameMomentLeaveOneRunOnTheRobot() throws Exception {
        SimulatedRobot robot = new SimulatedRobot(RobotTestDatabase.TABLE);
        int starters = 4;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            for (int round = 0; round < 50; round++) {
                db.execute("DELETE FROM " + RobotTestDatabase.TABLE);
                CyclicBarrier together = new CyclicBarrier(starters);
                List<Callable<Boolean>> starts = new ArrayList<>();
                for (int i = 0; i < starters; i++) {
                    String method = "Method_" + i;
                    starts.add(() -> {
                        try (Connection c = db.connect()) {
                            together.await();
                            robot.start(c, method, LocalDateTime.now(), false);
                            return true;
                        } catch (SimulatedRobot.Refused refused) {
                            return false;
                        }
                    });
                }
                int started = 0;
                for (Future<Boolean> f : pool.invokeAll(starts)) {
                    started += f.get() ? 1 : 0;
                }
                assertThat(started).as("starts that succeeded in round %d", round).isEqualTo(1);
                assertThat(db.busyRuns()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void tick() {
        simulator.tick();
        clock.advance(db.config.tick());
    }

    private int launch(String method) throws SQLException, InterruptedException {
        return RobotRun.run(login, method, Duration.ZERO, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
