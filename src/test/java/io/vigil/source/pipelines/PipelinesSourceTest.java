package io.vigil.source.pipelines;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.testing.LogCapture;
import io.vigil.testing.RabbitBroker;
import io.vigil.testing.SharedServers;

/** The pipelines source against the real broker: messages are published as the producers would publish them. */
@QuarkusTest
@TestProfile(SharedServers.class)
class PipelinesSourceTest {

    /** Generous: the machines these tests run on are shared and sometimes very busy. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The management API refreshes queue figures every 5 s. */
    private static final Duration MANAGEMENT_WAIT = Duration.ofSeconds(40);

    @Inject
    MetricsHub hub;

    private final RabbitBroker broker = RabbitBroker.current();
    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private Cancellable listening;

    @BeforeEach
    void sourceIsUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body("sources.find { it.source == 'pipelines' }.status", equalTo("UP")));
        listening = hub.messages().subscribe().with(m -> {
            if (m instanceof HubMessage.Event e && e.event().source().equals("pipelines")) {
                events.add(e.event());
            }
        });
    }

    @AfterEach
    void stopListening() {
        if (listening != null) {
            listening.cancel();
        }
    }

    @Test
    void resultsAreCountedWithTheirLatency() {
        JsonPath before = pipelines();
        long count = before.getLong("data.pipelines.face.count");
        long errors = before.getLong("data.pipelines.face.errors");
        long samples = before.getLong("data.pipelines.face.latency_seconds.samples");

        Instant ingest = Instant.now().minusSeconds(30);
        for (int i = 0; i < 9; i++) {
            publishResult("success", ingest.toString(), ingest.plusMillis(7_000).toString());
        }
        // epoch milliseconds work as well as ISO-8601
        publishResult("error", String.valueOf(ingest.toEpochMilli()), String.valueOf(ingest.toEpochMilli() + 7_000));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath after = pipelines();
            assertThat(after.getLong("data.pipelines.face.count")).isEqualTo(count + 10);
            assertThat(after.getLong("data.pipelines.face.errors")).isEqualTo(errors + 1);
            assertThat(after.getLong("data.pipelines.face.latency_seconds.samples")).isEqualTo(samples + 10);
            // Other tests publish results of 250 ms: 7 s is the largest latency the window holds, within HdrHistogram's 1 %.
            assertThat(after.getDouble("data.pipelines.face.latency_seconds.max")).isBetween(6.93, 7.07);
            assertThat(after.getDouble("data.pipelines.face.rate_per_second")).isGreaterThan(0);
            assertThat(after.getDouble("data.pipelines.face.error_ratio")).isGreaterThan(0);
            assertThat(after.getString("data.pipelines.face.mode")).isEqualTo("consumer");
        });
    }

    @Test
    void aWorkerQueueAndVigilBothSeeEveryMessage() {
        String worker = "test.face_worker." + UUID.randomUUID().toString().substring(0, 8);
        broker.declareQueue(worker);
        broker.bind(worker, broker.faceExchange, "#");
        try {
            long before = pipelines().getLong("data.pipelines.face.count");
            int n = 40;
            for (int i = 0; i < n; i++) {
                publishResult("success");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(pipelines().getLong("data.pipelines.face.count"))
                    .isEqualTo(before + n));
            // Nothing was taken from the worker's queue, and nobody but the worker would ever consume it.
            await().atMost(WAIT).untilAsserted(() -> assertThat(broker.inspect(worker).getMessageCount()).isEqualTo(n));
            assertThat(broker.inspect(worker).getConsumerCount()).isZero();
            int taken = 0;
            while (broker.take(worker) != null) {
                taken++;
            }
            assertThat(taken).isEqualTo(n);
        } finally {
            broker.deleteQueue(worker);
        }
    }

    @Test
    void aPipelinePublishingThroughTheDefaultExchangeIsReadQueueLevel() {
        broker.purge(broker.phoneQueue);
        long publishedBefore = given().get("/api/v1/metrics/pipelines").jsonPath()
                .getLong("data.pipelines.phone.stats.published");
        for (int i = 0; i < 3; i++) {
            broker.publishToQueue(broker.phoneQueue, result("phone", "success", Instant.now().minusMillis(200).toString(),
                    Instant.now().toString()));
        }
        await().atMost(MANAGEMENT_WAIT).untilAsserted(() -> given().get("/api/v1/metrics/pipelines").then()
                .body("status", equalTo("UP"))
                .body("detail", containsString("results.phone is queue-level"))
                .body("data.pipelines.phone.mode", equalTo("queue-level"))
                .body("data.pipelines.phone.queue", equalTo(broker.phoneQueue))
                .body("data.pipelines.phone.stats.messages", equalTo(3))
                // The broker's message rates lag its depths (its statistics are collected every few seconds, later
                // under load): the count never goes back, but only the depth is read exactly.
                .body("data.pipelines.phone.stats.published", org.hamcrest.Matchers.greaterThanOrEqualTo((int) publishedBefore))
                .body("data.pipelines.phone.backlog[0].depth", equalTo(3))
                .body("data.streams.find { it.stream == 'results.phone' }.state", equalTo("queue-level")));
        // Vigil read the figures without taking a message.
        assertThat(broker.inspect(broker.phoneQueue).getMessageCount()).isEqualTo(3);
        assertThat(broker.inspect(broker.phoneQueue).getConsumerCount()).isZero();
        given().get("/q/metrics").then()
                .body(containsString("pipelines_backlog{pipeline=\"phone\",queue=\"" + broker.phoneQueue + "\"} 3.0"));
        broker.purge(broker.phoneQueue);
    }

    @Test
    void theBacklogOfAWorkQueueIsItsDepth() {
        broker.purge(broker.faceTasks);
        for (int i = 0; i < 4; i++) {
            broker.publishToQueue(broker.faceTasks, "{\"task\":" + i + "}");
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/metrics/pipelines").then()
                .body("data.pipelines.face.backlog.find { it.queue == '" + broker.faceTasks + "' }.depth", equalTo(4)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipelines_backlog{pipeline=\"face\",queue=\"" + broker.faceTasks + "\"} 4.0")));
        broker.purge(broker.faceTasks);
    }

    @Test
    void messagesThatDoNotParseAreAckedCountedAndTheConsumerGoesOn() {
        Map<String, Object> rejectedBefore = pipelines().getMap("data.rejected");
        long countBefore = pipelines().getLong("data.pipelines.face.count");
        String now = Instant.now().toString();
        // More bad messages than the prefetch (5 in tests): unacked, they would stall the consumer.
        broker.publish(broker.faceExchange, "face", "this is not json");
        broker.publish(broker.faceExchange, "face", "");
        broker.publish(broker.faceExchange, "face", "x".repeat(5_000));
        broker.publish(broker.faceExchange, "face", "{\"pipeline\":\"face\",\"status\":\"success\"}");
        broker.publish(broker.faceExchange, "face", "[1,2,3]");
        broker.publish(broker.faceExchange, "face", "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":true,"
                + "\"ingest_ts\":\"" + now + "\",\"processed_ts\":\"" + now + "\"}");
        broker.publish(broker.faceExchange, "face", result("face", "maybe", now, now));
        broker.publish(broker.faceExchange, "face", result("face", "success", "yesterday", now));
        publishResult("success");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath after = pipelines();
            assertThat(after.getLong("data.pipelines.face.count")).isEqualTo(countBefore + 1);
            assertThat(delta(after, rejectedBefore, "not_json")).isEqualTo(2);
            assertThat(delta(after, rejectedBefore, "too_large")).isEqualTo(1);
            assertThat(delta(after, rejectedBefore, "missing_field")).isEqualTo(1);
            assertThat(delta(after, rejectedBefore, "wrong_type")).isEqualTo(2);
            assertThat(delta(after, rejectedBefore, "bad_value")).isEqualTo(1);
            assertThat(delta(after, rejectedBefore, "bad_timestamp")).isEqualTo(1);
        });
        long notJson = pipelines().getLong("data.rejected.not_json");
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipelines_rejected{reason=\"not_json\"} " + (double) notJson)));
    }

    @Test
    void timestampsOutOfRangeAreRejectedForThatNeverCountedAndLoggedOnce() {
        Map<String, Object> rejectedBefore = pipelines().getMap("data.rejected");
        JsonPath before = pipelines();
        long countBefore = before.getLong("data.pipelines.face.count");
        long windowBefore = before.getLong("data.pipelines.face.window.count");
        String now = Instant.now().toString();
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 20; i++) {
                broker.publish(broker.faceExchange, "face", result("face", "success", "-999999999-01-01T00:00:00Z", now));
                broker.publish(broker.faceExchange, "face", result("face", "error", now, "+999999999-12-31T23:59:59Z"));
            }
            publishResult("success");
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath after = pipelines();
                assertThat(delta(after, rejectedBefore, "timestamp_out_of_range")).isEqualTo(40);
                assertThat(after.getLong("data.pipelines.face.count")).isEqualTo(countBefore + 1);
                assertThat(after.getLong("data.pipelines.face.window.count")).isGreaterThanOrEqualTo(windowBefore + 1);
            });
            assertThat(log.lines()).noneMatch(l -> l.contains("ArithmeticException"));
            assertThat(log.entries()).filteredOn(e -> e.contains("timestamp_out_of_range")).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void gatewaysShowTheirClientsAndGoStaleWithoutHeartbeats() {
        String gateway = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        gatewayEvent(gateway, "connect", "client-1");
        gatewayEvent(gateway, "connect", "client-2");
        gatewayEvent(gateway, "connect", "client-3");
        gatewayEvent(gateway, "disconnect", "client-2");
        gatewayEvent(gateway, "heartbeat", null);
        String path = "data.gateways.find { it.gateway_id == '" + gateway + "' }";
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/metrics/pipelines").then()
                .body(path + ".clients", equalTo(2))
                .body(path + ".client_ids", equalTo(List.of("client-1", "client-3"))));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipelines_gateway_clients{gateway=\"" + gateway + "\"} 2.0")));

        // No heartbeat for longer than the gateway timeout (5 s in tests): stale, and an event says so.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/metrics/pipelines").then()
                .body(path + ".stale", equalTo(true)));
        assertThat(events).anyMatch(e -> e.type().equals("GATEWAY_STALE") && gateway.equals(e.attributes().get("gateway_id")));

        gatewayEvent(gateway, "heartbeat", null);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/metrics/pipelines").then()
                .body(path + ".stale", equalTo(false)));
        assertThat(events).anyMatch(e -> e.type().equals("GATEWAY_LIVE") && gateway.equals(e.attributes().get("gateway_id")));
    }

    @Test
    void savedActionsAreServedNewestFirst() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        savedAction("pause", client, "applied");
        savedAction("block", client, "applied");
        savedAction("unblock", client, "failed: client unknown");
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("client_id", client).get("/api/v1/actions").then()
                .statusCode(200)
                .body("actions.size()", equalTo(3))
                .body("actions.action", equalTo(List.of("unblock", "block", "pause")))
                .body("actions[0].outcome", equalTo("failed: client unknown"))
                .body("actions[0].actor", equalTo("operator"))
                .body("status", equalTo("UP")));
        given().queryParam("client_id", client).queryParam("limit", 2).get("/api/v1/actions").then()
                .statusCode(200).body("actions.action", equalTo(List.of("unblock", "block")));
        given().get("/api/v1/actions").then().statusCode(200).body("actions.client_id", hasItem(client));
        assertThat(events).anyMatch(e -> e.type().equals("ACTION_SAVED") && client.equals(e.attributes().get("client_id")));
    }

    @Test
    void aBadLimitIsAProblem() {
        given().queryParam("limit", 0).get("/api/v1/actions").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
        given().queryParam("limit", "many").get("/api/v1/actions").then()
                .statusCode(not(equalTo(200)))
                .contentType("application/problem+json");
    }

    @Test
    void seriesReachHistoryAndPrometheus() {
        publishResult("success");
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("series", "pipelines.count{pipeline=\"face\"}").queryParam("window", "5m")
                .get("/api/v1/metrics/history").then()
                .statusCode(200)
                .body("results[0].labels.pipeline", equalTo("face"))
                .body("results[0].points.size()", greaterThanOrEqualTo(2)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("pipelines_count{pipeline=\"face\"} "))
                .body(containsString("pipelines_success{pipeline=\"face\"} "))
                .body(containsString("pipelines_errors{pipeline=\"face\"} "))
                .body(containsString("pipelines_rate{pipeline=\"face\"} "))
                .body(containsString("pipelines_error_ratio{pipeline=\"face\"} "))
                .body(containsString("pipelines_latency_p50{pipeline=\"face\"} "))
                .body(containsString("pipelines_latency_p95{pipeline=\"face\"} "))
                .body(containsString("pipelines_latency_p99{pipeline=\"face\"} "))
                .body(containsString("pipelines_stream_up{stream=\"results.face\"} 1.0"))
                .body(containsString("vigil_source_up{source=\"pipelines\"} 1.0")));
        long count = pipelines().getLong("data.pipelines.face.count");
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipelines_count{pipeline=\"face\"} " + (double) count)));
    }

    private JsonPath pipelines() {
        return given().get("/api/v1/metrics/pipelines").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath after, Map<String, Object> before, String reason) {
        return after.getLong("data.rejected." + reason) - ((Number) before.get(reason)).longValue();
    }

    private void publishResult(String status) {
        Instant processed = Instant.now();
        publishResult(status, processed.minusMillis(250).toString(), processed.toString());
    }

    private void publishResult(String status, String ingest, String processed) {
        broker.publish(broker.faceExchange, "face", result("face", status, ingest, processed));
    }

    static String result(String pipeline, String status, String ingest, String processed) {
        boolean quoted = !ingest.matches("\\d+");
        String i = quoted ? "\"" + ingest + "\"" : ingest;
        String p = quoted ? "\"" + processed + "\"" : processed;
        return "{\"pipeline\":\"" + pipeline + "\",\"request_id\":\"" + UUID.randomUUID() + "\",\"status\":\"" + status
                + "\",\"ingest_ts\":" + i + ",\"processed_ts\":" + p + ",\"client_id\":\"client-7\""
                + (status.equals("error") ? ",\"error\":\"no face found\"" : "") + "}";
    }

    private void gatewayEvent(String gateway, String event, String client) {
        broker.publish(broker.gatewayExchange, "gateway." + gateway, "{\"gateway_id\":\"" + gateway + "\",\"event\":\""
                + event + "\",\"client_id\":" + (client == null ? "null" : "\"" + client + "\"") + ",\"ts\":\""
                + Instant.now() + "\"}");
    }

    private void savedAction(String action, String client, String outcome) {
        broker.publish(broker.actionsExchange, "actions", "{\"action\":\"" + action + "\",\"client_id\":\"" + client
                + "\",\"actor\":\"operator\",\"outcome\":\"" + outcome + "\",\"ts\":\"" + Instant.now() + "\"}");
    }
}
