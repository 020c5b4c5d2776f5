package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An S3 server of the test's own (S3Mock, whose runnable jar the build puts in {@code target/tools}), on a free port
 * and with its files in a directory that outlives a stop: a test can take the server away and bring it back on the
 * same port with the same buckets, as a real MinIO would restart. S3Mock takes any credentials.
 */
public final class S3Server implements AutoCloseable {

    static final Path JAR = Path.of("target/tools/s3mock.jar");

    private final int port;
    private final Path dir;
    private Process process;

    private S3Server(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a new server on a free port and waits until it accepts connections. */
    public static S3Server start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build's process-test-classes phase fetches it");
        }
        try {
            S3Server server = new S3Server(RedisServerProcess.freePort(), Files.createTempDirectory("vigil-test-s3-"));
            server.restart();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Starts the server again (after {@link #stop()}) on the same port, with the buckets it had. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve("store"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                    JAR.toAbsolutePath().toString(), "--http.port=" + port, "--server.port=0",
                    "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"),
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=true"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3mock.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start S3Mock: " + e.getMessage(), e);
        }
        Process started = process;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(dir.resolve("s3mock.log")));
            }
            return accepting();
        });
    }

    /** Takes the server away: its port is closed once this returns. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepting());
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
