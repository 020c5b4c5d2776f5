package io.vigil.source.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.testing.VigilProcess;

/**
 * The packaged app started as {@code java -jar} with no demo and no lab database: the experiments source says it is
 * not configured, Vigil is ready, and no critical alert fires. A lab database that is configured but unreachable is
 * still an outage.
 */
class StartWithoutLabDatabaseIT {

    private static JsonNode source(VigilProcess vigil, String name) throws Exception {
        for (JsonNode s : vigil.json("/api/v1/status").path("sources")) {
            if (s.path("source").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void withoutALabDatabaseTheExperimentsSourceIsNotConfiguredAndVigilIsReadyWithoutAlerts() throws Exception {
        Path dir = Files.createTempDirectory("vigil-plain");
        try (VigilProcess vigil = VigilProcess.jar(List.of("-Dvigil.data-dir=" + dir.resolve("data")),
                VigilProcess.freePort(), dir.resolve("vigil.log"))) {
            vigil.awaitListening(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "NOT_CONFIGURED".equals(source(vigil, "experiments").path("status").asText()));
            JsonNode experiments = source(vigil, "experiments");
            assertThat(experiments.path("detail").asText()).contains("no HxRun database configured");
            assertThat(experiments.path("last_error").isNull() || experiments.path("last_error").isMissingNode()).isTrue();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> vigil.get("/q/health/ready").statusCode() == 200);
            JsonNode sources = null;
            for (JsonNode check : vigil.json("/q/health/ready").path("checks")) {
                sources = check.path("name").asText().equals("vigil-sources") ? check : sources;
            }
            assertThat(sources).isNotNull();
            assertThat(sources.path("data").path("experiments").asText()).isEqualTo("NOT_CONFIGURED");
            // The default ExperimentsDatabaseDown rule waits 10 s: well past that, nothing has fired.
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> {
                String alerts = vigil.get("/api/v1/alerts").body();
                return !alerts.contains("ExperimentsDatabaseDown") && !alerts.contains("critical");
            });
            assertThat(vigil.get("/q/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConfiguredLabDatabaseThatCannotBeReachedIsDown() throws Exception {
        Path dir = Files.createTempDirectory("vigil-lab-away");
        int closedPort = VigilProcess.freePort();
        try (VigilProcess vigil = VigilProcess.jar(List.of("-Dvigil.data-dir=" + dir.resolve("data"),
                "-Dvigil.experiments.datasource=hxrunmssql", "-Dquarkus.datasource.hxrunmssql.active=true",
                "-Dquarkus.datasource.hxrunmssql.jdbc.url=jdbc:sqlserver://localhost:" + closedPort
                        + ";databaseName=HamiltonVectorDB;encrypt=false;loginTimeout=2",
                "-Dquarkus.datasource.hxrunmssql.username=reader", "-Dquarkus.datasource.hxrunmssql.password=secret"),
                VigilProcess.freePort(), dir.resolve("vigil.log"))) {
            vigil.awaitListening(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "DOWN".equals(source(vigil, "experiments").path("status").asText()));
            assertThat(vigil.get("/q/health/ready").statusCode()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> vigil.get("/api/v1/alerts").body().contains("ExperimentsDatabaseDown"));
        }
    }
}
