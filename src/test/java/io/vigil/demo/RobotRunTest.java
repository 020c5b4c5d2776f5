package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A launched method on the demo's robot: refused while the robot is busy, as HxRun refuses a second method on an
 * instrument in use, and run once it is free. It logs in over the demo's TCP port with the robot's own login.
 */
class RobotRunTest {

    private final RobotTestDatabase db = new RobotTestDatabase();
    private final LabSimulator simulator = new LabSimulator(db.config, Clock.systemDefaultZone(), new SplittableRandom(3),
            () -> false);
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
        simulator.tick();
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
                            robot.start(c, method, LocalDateTime.now());
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

    private int launch(String method) throws SQLException, InterruptedException {
        return RobotRun.run(login, method, Duration.ZERO, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
