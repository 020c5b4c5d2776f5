package io.vigil.source.clients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceStatus;
import io.vigil.testing.DirectRedis;
import io.vigil.testing.JsonSocket;
import io.vigil.testing.RedisBehindProxy;
import io.vigil.testing.SharedServers;

/**
 * The clients source against the real Redis, with keyspace notifications (Vigil enables them in the test profile)
 * and a resync of 10 minutes: whatever shows up within the test came from a notification.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class ClientsSourceTest {

    @Inject
    MetricsHub hub;

    @TestHTTPResource("/ws/metrics")
    URI socketEndpoint;

    private final RedisBehindProxy.ClientKeys keys = RedisBehindProxy.keys();
    private DirectRedis redis;

    @BeforeEach
    void startFromNoClients() {
        redis = RedisBehindProxy.direct();
        redis.del(keys.all());
        awaitSnapshot(Duration.ofSeconds(15), s -> s.total() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.health("clients").orElseThrow().status() == SourceStatus.UP);
    }

    @AfterEach
    void cleanUp() {
        redis.del(keys.all());
        redis.close();
    }

    @Test
    void aChangeArrivesThroughANotificationWithinASecond() {
        redis.send("HSET", keys.status(), "c1", "active", "c2", "Paused", "c5", "disconnected");
        redis.send("SADD", keys.blocked(), "c3");
        redis.send("RPUSH", keys.deactivated(), "c4", "c1");

        ClientStateSnapshot seen = awaitSnapshot(Duration.ofSeconds(1),
                s -> s.active().ids().contains("c1") && s.paused().ids().contains("c2")
                        && s.blocked().ids().contains("c3") && s.deactivated().count() == 2);
        assertThat(seen.trigger()).isEqualTo(ReadTrigger.NOTIFICATION);
        assertThat(seen.changeDetection().method()).isEqualTo(ChangeDetection.Method.NOTIFICATIONS);

        given().get("/api/v1/metrics/clients").then().statusCode(200)
                .body("source", equalTo("clients"))
                .body("status", equalTo("UP"))
                .body("data.active.count", equalTo(1))
                .body("data.active.ids", hasItems("c1"))
                .body("data.paused.ids", hasItems("c2"))
                .body("data.blocked.ids", hasItems("c3"))
                .body("data.deactivated.ids", hasItems("c1", "c4"))
                .body("data.other.ids", hasItems("c5"))
                .body("data.total", equalTo(5))
                .body("data.keys.find { it.holds == 'deactivated' }.type", equalTo("list"))
                .body("data.keys.find { it.holds == 'blocked' }.type", equalTo("set"))
                .body("data.keys.find { it.holds == 'status' }.key", equalTo(keys.status()))
                .body("data.change_detection.method", equalTo("NOTIFICATIONS"))
                .body("data.trigger", equalTo("NOTIFICATION"));

        // Taking a client out is a change too, and so is a key going away.
        redis.send("SREM", keys.blocked(), "c3");
        redis.del(keys.deactivated());
        ClientStateSnapshot after = awaitSnapshot(Duration.ofSeconds(1),
                s -> s.blocked().count() == 0 && s.deactivated().count() == 0);
        assertThat(after.trigger()).isEqualTo(ReadTrigger.NOTIFICATION);
        assertThat(after.keys()).filteredOn(k -> k.holds().equals("deactivated")).extracting(WatchedKey::type)
                .containsExactly("none");
    }

    @Test
    void aKeyOfAnUnexpectedTypeIsReportedAndNotFatal() {
        redis.send("SET", keys.blocked(), "c3");
        redis.send("HSET", keys.status(), "c1", "active");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/metrics/clients").then()
                .body("status", equalTo("DEGRADED"))
                .body("detail", containsString(keys.blocked() + " is a string, expected a set or list"))
                .body("data.keys.find { it.holds == 'blocked' }.type", equalTo("string"))
                .body("data.keys.find { it.holds == 'blocked' }.problem", containsString("read as empty"))
                .body("data.active.ids", hasItems("c1"))
                .body("data.blocked.count", equalTo(0)));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.clients", equalTo("DEGRADED (optional)"));

        redis.del(keys.blocked());
        redis.send("SADD", keys.blocked(), "c3");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/metrics/clients").then()
                .body("status", equalTo("UP"))
                .body("detail", nullValue())
                .body("data.blocked.ids", hasItems("c3")));
    }

    @Test
    void prometheusHasAGaugePerGroup() {
        redis.send("HSET", keys.status(), "c1", "active", "c2", "active", "c3", "paused");
        redis.send("SADD", keys.blocked(), "c3", "c9");
        redis.send("SADD", keys.deactivated(), "c8");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("clients_active 2.0"))
                .body(containsString("clients_paused 1.0"))
                .body(containsString("clients_blocked 2.0"))
                .body(containsString("clients_deactivated 1.0"))
                .body(containsString("clients_other 0.0"))
                .body(containsString("clients_total 5.0"))
                .body(containsString("vigil_source_up{source=\"clients\"} 1.0")));
    }

    @Test
    void theClientsTopicStreamsChangesOverTheWebSocket() {
        try (JsonSocket socket = JsonSocket.connect(socketEndpoint)) {
            JsonNode snapshot = socket.awaitMessage(Duration.ofSeconds(5), JsonSocket.type("snapshot"));
            assertThat(snapshot.get("topics").toString()).contains("clients");
            assertThat(snapshot.get("data").get("clients").get("status").asText()).isEqualTo("UP");

            socket.send("{\"action\":\"subscribe\",\"topics\":[\"clients\"]}");
            JsonNode subscribed = socket.awaitMessage(Duration.ofSeconds(5), JsonSocket.type("subscribed"));
            assertThat(subscribed.get("topics").toString()).isEqualTo("[\"clients\"]");

            redis.send("HSET", keys.status(), "ws-client", "paused");
            JsonNode update = socket.awaitMessage(Duration.ofSeconds(2), JsonSocket.update("clients")
                    .and(m -> m.path("data").path("paused").path("ids").toString().contains("ws-client")));
            assertThat(update.get("status").asText()).isEqualTo("UP");
            assertThat(update.get("data").get("paused").get("count").asInt()).isEqualTo(1);
            assertThat(update.get("data").get("trigger").asText()).isEqualTo("NOTIFICATION");
            assertThat(update.get("series").get("clients.paused").asDouble()).isEqualTo(1.0);
            assertThat(update.get("ts").asText()).endsWith("Z");
            // Subscribed to clients only: nothing from the host since, which reads every second.
            List<JsonNode> received = socket.received();
            assertThat(received.subList(received.indexOf(subscribed), received.indexOf(update)))
                    .noneMatch(JsonSocket.update("host"));
        }
    }

    private ClientStateSnapshot awaitSnapshot(Duration atMost, Predicate<ClientStateSnapshot> condition) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(this::latest,
                s -> s != null && condition.test(s));
    }

    private ClientStateSnapshot latest() {
        return hub.latest("clients").map(u -> (ClientStateSnapshot) u.snapshot()).orElse(null);
    }
}
