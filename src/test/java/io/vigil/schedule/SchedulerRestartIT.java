package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.testing.Tokens;

/**
 * Vigil killed while one job runs on the robot and another waits for it, then started again on the same database:
 * the waiting one fails as interrupted, the running one is followed to the end of its HxRun run (the robot run is
 * never stopped by the restart), and the killed process' job logs are removed. A packaged Vigil and a real process,
 * as an integration test.
 */
class SchedulerRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private Server hxrunServer;
    private long job;

    @AfterEach
    void stop() {
        // The job outlives the killed Vigil by design; it is this test's to end.
        ProcessHandle.of(job).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
        processes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        if (hxrunServer != null) {
            hxrunServer.stop();
        }
    }

    @Test
    void aRestartSettlesWhatWasWaitingAndFollowsTheRunStillOnTheRobot() throws Exception {
        Path data = Files.createTempDirectory("vigil-restart");
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        int hxrunPort = freePort();
        hxrunServer = Server.createTcpServer("-tcpPort", String.valueOf(hxrunPort), "-ifNotExists").start();
        String hxrunUrl = "jdbc:h2:tcp://localhost:" + hxrunPort
                + "/mem:HamiltonVectorDB;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(hxrunUrl, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS dbo");
            s.execute("CREATE TABLE HamiltonVectorDB.dbo.HxRun (RunGUID VARCHAR(64) PRIMARY KEY, MethodName VARCHAR(255),"
                    + " StartTime DATETIME2, EndTime DATETIME2, RunState VARCHAR(32))");
        }
        int port = freePort();
        Process first = start(port, data, tmp, hxrunUrl);

        String running = create(port, "Long plate", "sleep:600");
        String waiting = create(port, "Queued plate", "ok");
        assertThat(post(port, "/api/v1/schedules/" + running + "/run-now").statusCode()).isEqualTo(202);
        // The robot starts the launched method.
        String run = UUID.randomUUID().toString().toUpperCase();
        hxrun(hxrunUrl, "INSERT INTO HamiltonVectorDB.dbo.HxRun (RunGUID, MethodName, StartTime, EndTime, RunState)"
                + " VALUES ('" + run + "', 'sleep:600', ?, NULL, '1')", LocalDateTime.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> run.equals(latest(port, running).path("run_guid").asText()));
        assertThat(post(port, "/api/v1/schedules/" + waiting + "/run-now").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "waiting_capacity".equals(latest(port, waiting).path("status").asText()));
        job = first.descendants().filter(h -> h.info().commandLine().orElse("").contains("sleep:600")).findFirst()
                .map(ProcessHandle::pid).orElseThrow();
        assertThat(jobLogs(tmp)).isNotEmpty();

        first.destroyForcibly().waitFor();
        start(port, data, tmp, hxrunUrl);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode w = latest(port, waiting);
            assertThat(w.path("status").asText()).isEqualTo("failed");
            assertThat(w.path("error").asText()).contains("interrupted by restart");
        });
        // The robot run goes on: its command was not stopped, the execution is still running and followed.
        assertThat(ProcessHandle.of(job).map(ProcessHandle::isAlive)).contains(true);
        assertThat(latest(port, running).path("status").asText()).isEqualTo("running");
        assertThat(jobLogs(tmp)).isEmpty();

        hxrun(hxrunUrl, "UPDATE HamiltonVectorDB.dbo.HxRun SET RunState = '128', EndTime = ? WHERE RunGUID = '" + run + "'",
                LocalDateTime.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode r = latest(port, running);
            assertThat(r.path("status").asText()).isEqualTo("completed");
            assertThat(r.path("run_guid").asText()).isEqualTo(run);
        });
        assertThat(JSON.readTree(get(port, "/api/v1/schedules/" + running).body()).path("last_run").isNull()).isFalse();
    }

    private Process start(int port, Path data, Path tmp, String hxrunUrl) throws IOException {
        Path app = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Path script = Path.of("src", "test", "resources", "jobs", "fake-hxrun.sh").toAbsolutePath();
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + data.resolve("vigil")
                        + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;WRITE_DELAY=0",
                "-Dquarkus.datasource.hxrun.jdbc.url=" + hxrunUrl,
                "-Dvigil.experiments.interval=200ms",
                "-Dvigil.auth.initial-admin-token=" + Tokens.ADMIN,
                "-Dvigil.scheduler.command=bash " + script + " {path}",
                "-Dvigil.scheduler.tick=200ms",
                "-Dvigil.pipelines.enabled=false", "-Dvigil.clients.enabled=false",
                "-jar", app.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("vigil.log").toFile())).start();
        processes.add(p);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(port, "/q/health/ready").statusCode() == 200);
        return p;
    }

    private static List<Path> jobLogs(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("vigil-job-")).toList();
        }
    }

    private static void hxrun(String url, String sql, LocalDateTime at) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, at);
            p.executeUpdate();
        }
    }

    private static String create(int port, String name, String path) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"experiment_path\":\"" + path + "\",\"schedule_type\":\"once\",\"start_at\":\""
                + Instant.now().plus(Duration.ofDays(1)) + "\"}";
        return JSON.readTree(send(port, "/api/v1/schedules", body).body()).path("id").asText();
    }

    private static JsonNode latest(int port, String scheduleId) throws Exception {
        return JSON.readTree(get(port, "/api/v1/executions?schedule_id=" + scheduleId).body()).path(0);
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return send(port, path, "{}");
    }

    private static HttpResponse<String> send(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Tokens.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
