package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.HxRunDatabase;
import io.vigil.testing.RabbitBroker;
import io.vigil.testing.RedisBehindProxy;

@QuarkusTest
@WithTestResource(HxRunDatabase.class)
@WithTestResource(RabbitBroker.class)
@WithTestResource(RedisBehindProxy.class)

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
                .body("data.gpu.status", notNullValue());
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
    void unknownPathIsAProblemToo() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
