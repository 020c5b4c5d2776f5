package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.Promtool;
import io.vigil.testing.SharedServers;

/** /q/metrics as scrapers read it, checked by Prometheus' own parser and linter ({@code promtool check metrics}). */
@QuarkusTest
@TestProfile(SharedServers.class)

class PrometheusExpositionTest {

    /**
     * Lint findings on Vigil's series that are kept on purpose: these gauges count things now (clients known, GPUs,
     * results in the window) and their names are what dashboards and alert rules already query.
     */
    private static final Set<String> KEPT_NAMES = Set.of(
            "clients_total non-counter metrics should not have \"_total\" suffix",
            "host_gpu_count non-histogram and non-summary metrics should not have \"_count\" suffix",
            "pipelines_count non-histogram and non-summary metrics should not have \"_count\" suffix");

    /** Telegraf and Prometheus' fallback ask for the text format; curl asks for anything and gets OpenMetrics. */
    @ParameterizedTest
    @ValueSource(strings = { "text/plain; version=0.0.4", "*/*" })
    void aRealScrapeParsesWithPrometheusOwnParser(String accept) {
        Promtool.Check check = Promtool.checkMetrics(scrape(accept));

        assertThat(check.parseErrors()).as("promtool's parse errors").isEmpty();
        // 3 is lint findings only; 1 is a page promtool could not read.
        assertThat(check.exitCode()).as("promtool's exit code; it said:%n%s", check.findings()).isIn(0, 3);
    }

    @Test
    void vigilsOwnSeriesPassPrometheusLint() {
        Promtool.Check check = Promtool.checkMetrics(scrape("text/plain; version=0.0.4"));

        assertThat(check.lintFindings()).as("lint findings on Vigil's own series")
                .filteredOn(PrometheusExpositionTest::isVigils).filteredOn(f -> !KEPT_NAMES.contains(f)).isEmpty();
    }

    private static String scrape(String accept) {
        // The stream's series appear with their first samples: wait for them, so the check covers them too.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().accept(accept).get("/q/metrics")
                .then().statusCode(200).body(containsString("host_cpu_percent ")));
        return given().accept(accept).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static boolean isVigils(String finding) {
        return finding.startsWith("vigil_") || finding.startsWith("host_") || finding.startsWith("experiments_")
                || finding.startsWith("pipelines_") || finding.startsWith("clients_");
    }
}
