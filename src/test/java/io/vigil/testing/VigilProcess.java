package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Vigil started as a user starts it, in a process of its own, with its output in a log file. Integration tests
 * use it after {@code package}; {@link #close()} stops it and everything it launched.
 */
public final class VigilProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private volatile String token;

    private VigilProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Runs a shell command line in the project's root, with extra environment variables. */
    public static VigilProcess shell(String commandLine, int port, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new VigilProcess(builder.start(), port, log);
    }

    /** Runs the packaged app with this JVM's java and the given system properties. */
    public static VigilProcess jar(List<String> properties, int port, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Path app = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dvigil.auth.initial-admin-token=" + Tokens.ADMIN);
        command.addAll(properties);
        command.add("-jar");
        command.add(app.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new VigilProcess(p, port, log).withToken(Tokens.ADMIN);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Sends this token with every later request. */
    public VigilProcess withToken(String secret) {
        this.token = secret;
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path).body());
    }

    /** Waits until the process answers on its port at all (any status), failing early if it exits. */
    public VigilProcess awaitListening(Duration atMost) {
        await().atMost(atMost).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Vigil exited with " + process.exitValue() + "; its output:\n" + output());
            }
            get("/q/health/live");
            return true;
        });
        return this;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops it as Ctrl-C would; whatever is left after a while is killed. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
