package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.SharedServers;

@QuarkusTest
@TestProfile(SharedServers.class)

class StatusAndProbesTest {

    @BeforeEach
    void sourcesAreUp() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void statusListsEverySource() {
        given().get("/api/v1/status")
                .then().statusCode(200)
                .body("sources.source", hasItems("host", "experiments"))
                .body("sources.find { it.source == 'host' }.status", equalTo("UP"))
                .body("sources.find { it.source == 'host' }.last_success", notNullValue())
                .body("uptime_seconds", greaterThanOrEqualTo(0))
                .body("history.series", greaterThanOrEqualTo(1));
    }

    @Test
    void readinessNamesEachSource() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.host", equalTo("UP"))
                .body("checks.find { it.name == 'vigil-sources' }.data.experiments", equalTo("UP"));
    }

    @Test
    void probeAliasesAnswerLikeTheProbes() {
        given().get("/healthz").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/readyz").then().statusCode(200).body("checks.name", hasItems("vigil-sources"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void prometheusHasTheStreamSeries() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("host_cpu_percent "))
                .body(containsString("host_memory_percent "))
                .body(containsString("host_cpu_core_percent{core=\"0\"}"))
                .body(containsString("experiments_robot_busy "))
                .body(containsString("experiments_recent_runs{state=\"complete\"}"))
                .body(containsString("vigil_source_up{source=\"host\"} 1.0")));
    }
}
