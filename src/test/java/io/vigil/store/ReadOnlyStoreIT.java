package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.testing.VigilProcess;

/**
 * The packaged app on a database it can read but not write (a read-only file, or a disk remounted read-only): it
 * starts and answers reads, but readiness says the store cannot be written and every write gets 503 problem+json
 * with Retry-After, not 500.
 */
class ReadOnlyStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NO_SOURCES = List.of("-Dvigil.experiments.enabled=false",
            "-Dvigil.pipelines.enabled=false", "-Dvigil.clients.enabled=false", "-Dvigil.store.probe-interval=1s");
    private static final String H2_OPTIONS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
            + "DB_CLOSE_ON_EXIT=FALSE";

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aDatabaseThatCannotBeWrittenMakesVigilUnreadyAndWritesAnswer503() throws Exception {
        Path dir = Files.createTempDirectory("vigil-read-only");
        Path data = dir.resolve("data");
        List<String> first = new ArrayList<>(NO_SOURCES);
        first.add("-Dvigil.data-dir=" + data);
        try (VigilProcess vigil = VigilProcess.jar(first, VigilProcess.freePort(), dir.resolve("first.log"))) {
            vigil.awaitListening(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> vigil.get("/q/health/ready").statusCode() == 200);
        }

        Path file = data.resolve("vigil.mv.db");
        assertThat(file).exists();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        List<String> second = new ArrayList<>(NO_SOURCES);
        if (Files.isWritable(file)) {
            // Running as root, whom file permissions do not stop: H2 is told to open the file read-only, which is what it
            // does by itself with a file it may not write.
            second.add(
                    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + data.resolve("vigil") + H2_OPTIONS + ";ACCESS_MODE_DATA=r");
        } else {
            second.add("-Dvigil.data-dir=" + data);
        }
        try (VigilProcess vigil = VigilProcess.jar(second, VigilProcess.freePort(), dir.resolve("second.log"))) {
            vigil.awaitListening(Duration.ofSeconds(90));
            // Other checks may be DOWN for a moment while Vigil starts: wait for the store's own.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> check(vigil.json("/q/health/ready"), "vigil-store").path("status").asText().equals("DOWN"));
            assertThat(vigil.get("/q/health/ready").statusCode()).isEqualTo(503);
            JsonNode store = check(vigil.json("/q/health/ready"), "vigil-store");
            assertThat(store.path("data").path("writable").asBoolean(true)).isFalse();
            assertThat(store.path("data").path("reason").asText()).startsWith("Vigil's database cannot be written: ")
                    .containsIgnoringCase("read only");
            assertThat(vigil.get("/q/health/live").statusCode()).isEqualTo(200);

            HttpResponse<String> write = vigil.postJson("/api/v1/contacts", "{\"name\": \"Olga\", \"email\": \"olga@lab.test\"}");
            assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
            assertThat(write.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(write.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = JSON.readTree(write.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("detail").asText()).startsWith("Vigil's database cannot be written: ")
                    .doesNotContain("INSERT", "SQL statement");

            assertThat(vigil.get("/api/v1/contacts").statusCode()).as("reads still work").isEqualTo(200);
        }
    }
}
