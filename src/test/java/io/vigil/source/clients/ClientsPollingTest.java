package io.vigil.source.clients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceStatus;
import io.vigil.testing.DirectRedis;
import io.vigil.testing.HxRunDatabase;
import io.vigil.testing.PrivateRedis;

/**
 * The clients source where the server sends no keyspace notifications and Vigil may not enable them: it polls,
 * says so, and follows notifications once the server sends them. On a Redis server of its own, since notifications
 * are server-wide; that server is not there when the app starts.
 */
@QuarkusTest
@TestProfile(ClientsPollingTest.NotificationsOff.class)
@WithTestResource(HxRunDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientsPollingTest {

    public static class NotificationsOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.clients.enable-notifications", "false",
                    "vigil.clients.poll-interval", "200ms",
                    "vigil.clients.resync", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    private static final String STATUS_KEY = "Clients_status";

    @Inject
    MetricsHub hub;

    private final List<ClientStateSnapshot> updates = new CopyOnWriteArrayList<>();
    private Cancellable listening;
    private DirectRedis redis;

    @BeforeEach
    void listen() {
        listening = hub.messages().subscribe().with(m -> {
            if (m instanceof HubMessage.Update u && u.update().source().equals("clients")) {
                updates.add((ClientStateSnapshot) u.update().snapshot());
            }
        });
    }

    @AfterEach
    void cleanUp() {
        listening.cancel();
        if (redis != null) {
            redis.del(STATUS_KEY, "blocked_clients", "deactivate_clients");
            redis.setNotifyKeyspaceEvents("");
            redis.close();
        }
    }

    @Test
    @Order(1)
    void theAppStartsWithoutRedisAndTheSourceSaysWhy() {
        assertThat(PrivateRedis.running()).as("this test runs first, before the server is started").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.health("clients").orElseThrow().status() == SourceStatus.DOWN);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.clients",
                        startsWith("DOWN (optional): Redis at localhost:" + PrivateRedis.port() + "/5"));
        given().get("/api/v1/metrics/clients").then().statusCode(200)
                .body("status", equalTo("DOWN"))
                .body("data", nullValue())
                .body("last_error", containsString("Connection refused"));

        PrivateRedis.startServer();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.health("clients").orElseThrow().status() != SourceStatus.DOWN);
    }

    @Test
    @Order(2)
    void withoutNotificationsItPollsAndSaysSo() {
        connect();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/metrics/clients").then()
                .body("status", equalTo("DEGRADED"))
                .body("detail", startsWith("keyspace notifications are off on the server (notify-keyspace-events=''"))
                .body("detail", containsString("polling every 200ms"))
                .body("data.change_detection.method", equalTo("POLLING")));
        // Read-only: not allowed to, Vigil did not switch them on.
        assertThat(redis.notifyKeyspaceEvents()).isEmpty();

        // Every resync is reported, changed or not; the polls in between report nothing when nothing changed.
        ClientStateSnapshot resync = awaitResync();
        ClientStateSnapshot nextResync = awaitResyncAfter(resync);
        assertThat(nextResync.total()).isEqualTo(resync.total());
        assertThat(updates.subList(updates.indexOf(resync) + 1, updates.indexOf(nextResync))).isEmpty();

        // A change right after a resync is seen by the next poll, long before the next resync.
        redis.send("HSET", STATUS_KEY, "c1", "active", "c2", "paused");
        ClientStateSnapshot seen = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(this::latest, s -> s != null && s.active().ids().contains("c1"));
        assertThat(seen.trigger()).isEqualTo(ReadTrigger.POLL);
        assertThat(seen.paused().ids()).containsExactly("c2");
        assertThat(seen.changeDetection().method()).isEqualTo(ChangeDetection.Method.POLLING);
    }

    @Test
    @Order(3)
    void onceTheServerSendsNotificationsItFollowsThem() {
        connect();
        redis.setNotifyKeyspaceEvents("KA");
        // Checked again at each resync.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/metrics/clients").then()
                .body("status", equalTo("UP"))
                .body("detail", nullValue())
                .body("data.change_detection.method", equalTo("NOTIFICATIONS"))
                .body("data.change_detection.enabled_by_vigil", equalTo(false)));

        awaitResync();
        redis.send("SADD", "blocked_clients", "c7");
        ClientStateSnapshot seen = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(this::latest, s -> s != null && s.blocked().ids().contains("c7"));
        assertThat(seen.trigger()).isEqualTo(ReadTrigger.NOTIFICATION);
    }

    private void connect() {
        PrivateRedis.startServer();
        redis = PrivateRedis.direct();
    }

    private ClientStateSnapshot awaitResync() {
        int from = updates.size();
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> updates.subList(from, updates.size()).stream()
                        .filter(s -> s.trigger() == ReadTrigger.RESYNC).findFirst().orElse(null), s -> s != null);
    }

    private ClientStateSnapshot awaitResyncAfter(ClientStateSnapshot previous) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> updates.stream().filter(s -> s.trigger() == ReadTrigger.RESYNC)
                        .filter(s -> s.readAt().isAfter(previous.readAt())).findFirst().orElse(null), s -> s != null);
    }

    private ClientStateSnapshot latest() {
        return hub.latest("clients").map(u -> (ClientStateSnapshot) u.snapshot()).orElse(null);
    }
}
