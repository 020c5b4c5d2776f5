package io.vigil.hub.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.testing.VigilProcess;

/** The packaged app stopped and started again over the same data directory: the charts are still there. */
class HistoryRestartIT {

    private static final String CPU_HISTORY = "/api/v1/metrics/history?series=host.cpu.percent&window=10m&step=1s";

    private static List<Instant> cpuPoints(VigilProcess vigil) throws Exception {
        List<Instant> points = new ArrayList<>();
        for (JsonNode result : vigil.json(CPU_HISTORY).path("results")) {
            result.path("points").forEach(p -> points.add(Instant.parse(p.path("ts").asText())));
        }
        return points;
    }

    @Test
    void aRestartedVigilStartsWithTheChartsItHadBeforeItStopped() throws Exception {
        Path dir = Files.createTempDirectory("vigil-history-restart");
        List<String> properties = List.of("-Dvigil.data-dir=" + dir.resolve("data"), "-Dvigil.host.interval=1s",
                "-Dvigil.experiments.enabled=false");
        List<Instant> before;
        try (VigilProcess first = VigilProcess.jar(properties, VigilProcess.freePort(), dir.resolve("first.log"))) {
            first.awaitListening(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> cpuPoints(first).size() >= 5);
            before = cpuPoints(first);
        }
        // Stopped as Ctrl-C would: the snapshot was written at shutdown.
        assertThat(dir.resolve("data/history.snapshot")).exists();

        Instant restartedAt = Instant.now();
        try (VigilProcess second = VigilProcess.jar(properties, VigilProcess.freePort(), dir.resolve("second.log"))) {
            second.awaitListening(Duration.ofSeconds(90));
            List<Instant> after = cpuPoints(second);
            assertThat(after).containsAll(before);
            assertThat(after.stream().filter(t -> t.isBefore(restartedAt))).hasSizeGreaterThanOrEqualTo(before.size());
            assertThat(second.output()).contains("series restored from");
        }
    }
}
