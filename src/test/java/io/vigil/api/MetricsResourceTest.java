package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.Gpu;
import io.vigil.testing.SharedServers;

@QuarkusTest
@TestProfile(SharedServers.class)

class MetricsResourceTest {

    @BeforeEach
    void hostHasReported() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/metrics/system")
                .then().statusCode(200).body("data.cpu.percent", notNullValue()));
    }

    @Test
    void snapshotHasEverySourceWithStatus() {
        given().get("/api/v1/metrics")
                .then().statusCode(200)
                .body("sources", hasKey("host"))
                .body("sources", hasKey("experiments"))
                .body("sources.host.status", equalTo("UP"))
                .body("sources.host.data.memory.total_bytes", greaterThan(0L));
    }

    @Test
    void systemIsTheHostWithEveryReading() {
        given().get("/api/v1/metrics/system")
                .then().statusCode(200)
                .body("source", equalTo("host"))
                .body("data.cpu.cores.size()", greaterThan(0))
                .body("data.filesystems.size()", greaterThan(0))
                .body("data.uptime_seconds", greaterThan(0))
                .body("data.process.rss_bytes", greaterThan(0))
                .body("data.gpu.status", equalTo(Gpu.expectedStatus()));
    }

    @Test
    void unknownGroupIsAProblem() {
        given().get("/api/v1/metrics/teleporter")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("teleporter"));
    }

    @Test
    void historyOfASeriesHasPoints() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .queryParam("series", "host.cpu.percent").queryParam("window", "5m").queryParam("step", "1s")
                .get("/api/v1/metrics/history")
                .then().statusCode(200)
                .body("results[0].series", equalTo("host.cpu.percent"))
                .body("results[0].resolution", equalTo("raw"))
                .body("results[0].points.size()", greaterThanOrEqualTo(2)));
    }

    @Test
    void historyTakesLabelMatchers() {
        given().queryParam("series", "host.cpu.core.percent{core=\"0\"}").queryParam("window", "15m")
                .get("/api/v1/metrics/history")
                .then().statusCode(200)
                .body("results.size()", equalTo(1))
                .body("results[0].labels.core", equalTo("0"));
    }

    @Test
    void historyOfAllLabelSetsWhenNoMatcher() {
        given().queryParam("series", "host.cpu.core.percent").queryParam("window", "1h").queryParam("step", "1m")
                .get("/api/v1/metrics/history")
                .then().statusCode(200)
                .body("results.series", hasItem("host.cpu.core.percent{core=\"0\"}"));
    }

    @Test
    void longWindowsComeFromTheRollup() {
        given().queryParam("series", "host.cpu.percent").queryParam("window", "6h").queryParam("step", "5m")
                .get("/api/v1/metrics/history")
                .then().statusCode(200)
                .body("results[0].resolution", equalTo("rollup"))
                .body("results[0].step", equalTo("PT5M"));
    }

    @Test
    void badWindowIsAProblemNamingIt() {
        given().queryParam("series", "host.cpu.percent").queryParam("window", "banana")
                .get("/api/v1/metrics/history")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("window='banana'"));
    }

    @Test
    void unknownSeriesIsNotFound() {
        given().queryParam("series", "host.flux.capacitance").queryParam("window", "15m")
                .get("/api/v1/metrics/history")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("host.flux.capacitance"));
    }

    @Test
    void malformedSelectorAndMissingSeriesAreBadRequests() {
        given().queryParam("series", "host.cpu.core.percent{core=0}").get("/api/v1/metrics/history")
                .then().statusCode(400).body("detail", containsString("label matcher"));
        given().get("/api/v1/metrics/history")
                .then().statusCode(400).body("detail", containsString("series is required"));
    }

    @Test
    void tooManyPointsOrTooLongAWindowAreRefused() {
        given().queryParam("series", "host.cpu.percent").queryParam("window", "24h").queryParam("step", "1ms")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).body("detail", containsString("larger step"));
        given().queryParam("series", "host.cpu.percent").queryParam("window", "30d")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).body("detail", containsString("longer than the history kept"));
    }

    @Test
    void historyBetweenStartAndEndHasOnlyPointsInThatRange() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Instant end = Instant.now().minusSeconds(3);
            Instant start = end.minusSeconds(4);
            List<String> times = given()
                    .queryParam("series", "host.cpu.percent").queryParam("start", start.toString())
                    .queryParam("end", end.toString()).queryParam("step", "1s")
                    .get("/api/v1/metrics/history")
                    .then().statusCode(200)
                    .body("start", equalTo(start.toString()))
                    .body("end", equalTo(end.toString()))
                    .extract().jsonPath().getList("results[0].points.ts", String.class);
            assertThat(times).isNotEmpty();
            assertThat(times).allSatisfy(ts -> assertThat(Instant.parse(ts)).isBetween(start.minusSeconds(1), end));
        });
    }

    @Test
    void startOrEndOutsideTheHistoryKeptIsAProblemNamingIt() {
        given().queryParam("series", "host.cpu.percent").queryParam("start", Instant.now().minus(Duration.ofDays(30)).toString())
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("start")).body("detail", containsString("start="));
        given().queryParam("series", "host.cpu.percent").queryParam("end", Instant.now().plus(Duration.ofDays(1)).toString())
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("end")).body("detail", containsString("future"));
        given().queryParam("series", "host.cpu.percent").queryParam("start", "+1000000000-12-31T00:00:00Z")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("start"));
    }

    @Test
    void malformedOrInvertedStartAndEndAreProblems() {
        given().queryParam("series", "host.cpu.percent").queryParam("start", "yesterday")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("start")).body("detail", containsString("ISO-8601"));
        Instant now = Instant.now();
        given().queryParam("series", "host.cpu.percent").queryParam("start", now.minusSeconds(60).toString())
                .queryParam("end", now.minusSeconds(120).toString())
                .get("/api/v1/metrics/history")
                .then().statusCode(400).body("field", equalTo("start")).body("detail", containsString("before end"));
        given().queryParam("series", "host.cpu.percent").queryParam("start", now.minusSeconds(60).toString())
                .queryParam("window", "5m")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).body("field", equalTo("window")).body("detail", containsString("start"));
    }

    @Test
    void hugeOrTinyWindowsAndStepsAreProblemsNotErrors() {
        for (String window : List.of("999999999999d", "PT2562047788015215H", "99999999999999999999999s")) {
            given().queryParam("series", "host.cpu.percent").queryParam("window", window)
                    .get("/api/v1/metrics/history")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("window"));
        }
        for (String step : List.of("999999999999d", "PT2562047788015215H", "PT0.0001S", "30d")) {
            given().queryParam("series", "host.cpu.percent").queryParam("step", step)
                    .get("/api/v1/metrics/history")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("step"));
        }
    }

    @Test
    void aSelectorOverManySeriesCannotAskForUnboundedPoints() {
        // pipelines.rejected has one series per reason: each within the per-series bound, all together beyond it.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("series", "pipelines.rejected")
                .queryParam("window", "1m").get("/api/v1/metrics/history").statusCode() == 200);
        given().queryParam("series", "pipelines.rejected").queryParam("window", "60m").queryParam("step", "1s")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("step")).body("detail", containsString("series"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
