package io.vigil.source.pipelines;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.hub.MetricsHub;
import io.vigil.testing.RabbitBroker;
import io.vigil.testing.SharedServers;

/** The broker connection cut for real (a TCP proxy closes it and refuses new ones), then given back. */
@QuarkusTest
@TestProfile(SharedServers.class)
class PipelinesOutageTest {

    private static final String PIPELINES = "sources.find { it.source == 'pipelines' }";

    @Inject
    MetricsHub hub;

    private final RabbitBroker broker = RabbitBroker.current();

    @BeforeEach
    void sourceIsUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body(PIPELINES + ".status", equalTo("UP")));
    }

    @Test
    void aLostConnectionMarksTheSourceDownAndItComesBackByItself() {
        long hostReadingBefore = latestHostReading();
        broker.cutVigilOff();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/status").then()
                    .body(PIPELINES + ".status", equalTo("DOWN"))
                    .body(PIPELINES + ".last_error", containsString("RabbitMQ")));
            // Optional by default: the broker being away does not make Vigil unready, and readiness says which and why.
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'vigil-sources' }.data.pipelines",
                            containsString("DOWN (optional): RabbitMQ"));
            // Reconnect attempts keep failing while the proxy refuses them; the rest keeps flowing.
            await().atMost(Duration.ofSeconds(10)).until(() -> latestHostReading() > hostReadingBefore);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> given()
                    .get("/api/v1/status").then().body(PIPELINES + ".status", equalTo("DOWN")));
            given().get("/api/v1/metrics/pipelines").then().statusCode(200)
                    .body("status", equalTo("DOWN"))
                    .body("last_error", containsString("RabbitMQ"));
        } finally {
            broker.letVigilBackIn();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body(PIPELINES + ".status", equalTo("UP")));

        // The consumers are back: a result published now is counted.
        long before = given().get("/api/v1/metrics/pipelines").jsonPath().getLong("data.pipelines.face.count");
        Instant now = Instant.now();
        broker.publish(broker.faceExchange, "face", PipelinesSourceTest.result("face", "success",
                now.minusMillis(300).toString(), now.toString()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().get("/api/v1/metrics/pipelines")
                .jsonPath().getLong("data.pipelines.face.count")).isEqualTo(before + 1));
    }

    @Test
    void resultsPublishedWhileTheConnectionIsCutAreCountedExactlyOnceAfterItComesBack() {
        long before = faceCount();
        broker.cutVigilOff();
        int n = 60;
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/status").then()
                    .body(PIPELINES + ".status", equalTo("DOWN")));
            for (int i = 0; i < n; i++) {
                publishFaceResult();
            }
        } finally {
            broker.letVigilBackIn();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(faceCount()).isEqualTo(before + n));
        // Nothing is counted twice once the queue is drained and the consumers settle.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(faceCount()).isEqualTo(before + n));
        given().get("/api/v1/metrics/pipelines").then()
                .body("data.streams.find { it.stream == 'results.face' }.detail", containsString("reconnected"));
    }

    @Test
    void aLongerOutageKeepsTheNewestResultsUpToTheQueueLimitAndSaysItDroppedTheRest() {
        long before = faceCount();
        broker.cutVigilOff();
        int limit = 200; // vigil.pipelines.queue-max-length in tests
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/status").then()
                    .body(PIPELINES + ".status", equalTo("DOWN")));
            for (int i = 0; i < limit + 50; i++) {
                publishFaceResult();
            }
        } finally {
            broker.letVigilBackIn();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(faceCount()).isEqualTo(before + limit));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(faceCount()).isEqualTo(before + limit));
        given().get("/api/v1/metrics/pipelines").then()
                .body("data.streams.find { it.stream == 'results.face' }.detail",
                        containsString("kept 200 message(s) published while Vigil was away, its limit"
                                + " (vigil.pipelines.queue-max-length=200); 50 older message(s) were dropped"));
    }

    private void publishFaceResult() {
        Instant now = Instant.now();
        broker.publish(broker.faceExchange, "face", PipelinesSourceTest.result("face", "success",
                now.minusMillis(300).toString(), now.toString()));
    }

    private long faceCount() {
        return given().get("/api/v1/metrics/pipelines").jsonPath().getLong("data.pipelines.face.count");
    }

    private long latestHostReading() {
        return hub.latest("host").map(u -> u.ts().toEpochMilli()).orElse(0L);
    }
}
