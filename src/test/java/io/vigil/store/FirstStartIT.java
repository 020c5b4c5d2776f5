package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vigil.testing.VigilProcess;

/**
 * The packaged app brings its database to the current schema on a worker while its HTTP server starts: the port opens
 * first, readiness says 503 until the schema is there, a request that comes meanwhile waits for it, and a database
 * that cannot be brought current stops Vigil with a reason.
 */
class FirstStartIT {

    private static final List<String> NO_SOURCES = List.of("-Dvigil.experiments.enabled=false",
            "-Dvigil.pipelines.enabled=false", "-Dvigil.clients.enabled=false");

    @Test
    void requestsDuringAFirstStartWaitForTheSchemaInsteadOfFailing() throws Exception {
        Path dir = Files.createTempDirectory("vigil-first-start");
        List<String> properties = new java.util.ArrayList<>(NO_SOURCES);
        properties.add("-Dvigil.data-dir=" + dir.resolve("data"));
        Set<Integer> readiness = new TreeSet<>();
        Set<Integer> api = new TreeSet<>();
        try (VigilProcess vigil = VigilProcess.jar(properties, VigilProcess.freePort(), dir.resolve("vigil.log"))) {
            Instant until = Instant.now().plus(Duration.ofSeconds(90));
            while (!readiness.contains(200)) {
                assertThat(Instant.now()).as("ready within 90 s; output:\n%s", vigil.output()).isBefore(until);
                assertThat(vigil.process().isAlive()).as("still running; output:\n%s", vigil.output()).isTrue();
                try {
                    api.add(vigil.get("/api/v1/alert-rules").statusCode());
                    readiness.add(vigil.get("/q/health/ready").statusCode());
                } catch (ConnectException | HttpConnectTimeoutException notListeningYet) {
                    TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(5, 15));
                }
            }
            assertThat(vigil.get("/api/v1/alert-rules").statusCode()).isEqualTo(200);
        }
        assertThat(readiness).as("readiness answers while the schema is made").isSubsetOf(200, 503);
        // Not a 500 for a missing table, nor a 401 for the configured admin token not stored yet.
        assertThat(api).as("API answers while the schema is made").containsOnly(200);
    }

    @Test
    void aDatabaseThatCannotBeOpenedStopsVigilWithTheReason() throws Exception {
        Path dir = Files.createTempDirectory("vigil-corrupt-store");
        Path data = Files.createDirectories(dir.resolve("data"));
        byte[] noise = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(noise);
        Files.write(data.resolve("vigil.mv.db"), noise);
        List<String> properties = new java.util.ArrayList<>(NO_SOURCES);
        properties.add("-Dvigil.data-dir=" + data);
        try (VigilProcess vigil = VigilProcess.jar(properties, VigilProcess.freePort(), dir.resolve("vigil.log"))) {
            assertThat(vigil.process().waitFor(90, TimeUnit.SECONDS)).as("stopped; output:\n%s", vigil.output()).isTrue();
            assertThat(vigil.process().exitValue()).isEqualTo(1);
            assertThat(vigil.output()).contains("Vigil could not finish starting and stops").contains("corrupted");
        }
    }
}
