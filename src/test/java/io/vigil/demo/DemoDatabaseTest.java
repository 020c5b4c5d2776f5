package io.vigil.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo opens its embedded HxRun database on a TCP port for the simulated robot process. Nobody else may get in:
 * not with what the executions show (the robot's command line), not with H2's default login, not to Vigil's own
 * database, and not from another machine. The robot's own login cannot define Java functions.
 */
@QuarkusTest
@TestProfile(DemoDatabaseTest.Demo.class)
class DemoDatabaseTest {

    /**
     * The demo on the embedded database; a short robot tick so the capacity gate opens often for a demo run, and no
     * failed load check, so that run writes HxRun at once.
     */
    public static class Demo implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.demo", "true", "vigil.demo.tick", "200ms", "vigil.scheduler.capacity-wait", "2m",
                    "vigil.demo.load-check-failure-every", "");
        }
    }

    @Inject
    RobotDatabaseServer server;

    @Test
    void theRobotsCommandLineNamesNoDatabaseAndTheRobotStillWrites() throws IOException {
        Map<String, Object> run = demoRun();
        RobotLogin login = RobotLogin.read(server.loginFile());
        assertThat((String) run.get("command")).doesNotContain("jdbc:").doesNotContain(login.password())
                .doesNotContain(String.valueOf(server.port())).contains(server.loginFile().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> methods = given().get("/api/v1/experiments").then().statusCode(200).extract()
                    .path("recent_runs.method_name");
            assertThat(methods).contains("Plate_Wash_96");
        });
        assertThat(given().get("/api/v1/executions").then().statusCode(200).extract().asString())
                .doesNotContain(login.password()).doesNotContain("jdbc:h2:tcp");
    }

    @Test
    void theDatabasePortDoesNotTakeTheDefaultLogin() {
        assertThatThrownBy(() -> DriverManager.getConnection(tcp("localhost", "mem:HamiltonVectorDB"), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theDatabasePortDoesNotOpenVigilsOwnDatabase() {
        assertThatThrownBy(() -> DriverManager.getConnection(tcp("localhost", "./target/test-data/vigil"), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theRobotsLoginIsInAFileOnlyVigilsUserReadsAndMayNotDefineFunctions() throws IOException, SQLException {
        assertThat(server.loginFile()).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.loginFile()))).isEqualTo("rw-------");
        RobotLogin login = RobotLogin.read(server.loginFile());
        try (Connection c = DriverManager.getConnection(login.url(), login.user(), login.password());
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT COUNT(*) FROM " + login.table()).next()).isTrue();
            assertThatThrownBy(() -> s.execute("CREATE ALIAS RUN_IT FOR 'java.lang.Runtime.getRuntime'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Admin rights");
            assertThatThrownBy(() -> s.execute("SELECT FILE_READ('pom.xml')")).isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(login.url(), login.user(), "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theDatabasePortRefusesOtherMachines() throws SocketException, IOException {
        assertThat(server.allowsOthers()).isFalse();
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has a non-loopback address");
        Assumptions.assumeFalse(external.get().equals(InetAddress.getLocalHost()),
                "H2 counts the host's own name's address as local");
        RobotLogin login = RobotLogin.read(server.loginFile());
        String url = login.url().replace("127.0.0.1", external.get().getHostAddress());
        assertThatThrownBy(() -> DriverManager.getConnection(url, login.user(), login.password()).close())
                .isInstanceOf(SQLException.class);
    }

    private String tcp(String host, String database) {
        assertThat(server.port()).as("the demo's database server runs").isPositive();
        return "jdbc:h2:tcp://" + host + ":" + server.port() + "/" + database;
    }

    /** Runs the demo's plate wash now and answers its execution once the robot process was launched. */
    private static Map<String, Object> demoRun() {
        List<Map<String, Object>> schedules = given().get("/api/v1/schedules").then().statusCode(200).extract().path("$");
        String id = schedules.stream().filter(s -> "Demo: plate wash".equals(s.get("name"))).map(s -> (String) s.get("id"))
                .findFirst().orElseThrow();
        // 409: a run is still under way, which serves as well.
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then()
                .statusCode(anyOf(is(202), is(409)));
        return await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<Map<String, Object>> runs = given().get("/api/v1/executions?schedule_id=" + id).then().statusCode(200)
                    .extract().path("$");
            return runs.stream().filter(r -> r.get("command") != null).findFirst().orElse(null);
        }, r -> r != null);
    }
}
