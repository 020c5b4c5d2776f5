package io.vigil.source.clients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceHealth;
import io.vigil.hub.SourceStatus;
import io.vigil.testing.DirectRedis;
import io.vigil.testing.RedisBehindProxy;
import io.vigil.testing.SharedServers;
import io.vigil.testing.TcpProxy;

/** Redis going away for real (its connections cut by a proxy) and coming back, with changes made meanwhile. */
@QuarkusTest
@TestProfile(SharedServers.class)
class ClientsOutageTest {

    @Inject
    MetricsHub hub;

    private final RedisBehindProxy.ClientKeys keys = RedisBehindProxy.keys();
    private DirectRedis redis;

    @BeforeEach
    void connect() {
        redis = RedisBehindProxy.direct();
        redis.del(keys.all());
        await().atMost(Duration.ofSeconds(15)).until(() -> clients().status() == SourceStatus.UP);
    }

    @AfterEach
    void cleanUp() {
        RedisBehindProxy.proxy().restore();
        redis.del(keys.all());
        redis.close();
    }

    @Test
    void aCutConnectionMarksTheSourceDownAndItComesBackWithWhatChangedMeanwhile() {
        redis.send("HSET", keys.status(), "c1", "active");
        await().atMost(Duration.ofSeconds(5)).until(() -> latest() != null && latest().active().ids().contains("c1"));
        TcpProxy proxy = RedisBehindProxy.proxy();
        String redisAt = "Redis at localhost:" + proxy.port() + "/" + RedisBehindProxy.DATABASE;
        long hostReadingBefore = latestHostReading();

        proxy.cut();
        await().atMost(Duration.ofSeconds(3)).until(() -> clients().status() == SourceStatus.DOWN);
        given().get("/api/v1/status").then().statusCode(200)
                .body("sources.find { it.source == 'clients' }.status", equalTo("DOWN"))
                .body("sources.find { it.source == 'clients' }.last_error", startsWith(redisAt));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.clients",
                        startsWith("DOWN (optional): " + redisAt));
        given().get("/api/v1/metrics/clients").then().statusCode(200)
                .body("status", equalTo("DOWN"))
                .body("last_error", containsString(redisAt));
        // The other sources keep streaming, and the hub keeps trying: each attempt fails anew while Redis is away.
        await().atMost(Duration.ofSeconds(5)).until(() -> latestHostReading() > hostReadingBefore);
        Instant firstFailure = clients().lastErrorAt();
        await().atMost(Duration.ofSeconds(5)).until(() -> clients().lastErrorAt().isAfter(firstFailure));
        assertThat(clients().lastError()).startsWith(redisAt);

        // Changes made while Vigil is away: no notification reaches it, the re-read on reconnecting must find them.
        redis.send("HSET", keys.status(), "c1", "paused", "c2", "active");
        redis.send("SADD", keys.blocked(), "c3");
        assertThat(clients().status()).isEqualTo(SourceStatus.DOWN);

        proxy.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> clients().status() == SourceStatus.UP);
        ClientStateSnapshot back = latest();
        assertThat(back.trigger()).isEqualTo(ReadTrigger.CONNECT);
        assertThat(back.paused().ids()).containsExactly("c1");
        assertThat(back.active().ids()).containsExactly("c2");
        assertThat(back.blocked().ids()).containsExactly("c3");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.clients", equalTo("UP (optional)"));

        // Notifications flow again on the new connection.
        redis.send("SREM", keys.blocked(), "c3");
        await().atMost(Duration.ofSeconds(2)).until(() -> latest().blocked().count() == 0);
        assertThat(latest().trigger()).isEqualTo(ReadTrigger.NOTIFICATION);
    }

    private SourceHealth clients() {
        return hub.health("clients").orElseThrow();
    }

    private ClientStateSnapshot latest() {
        return hub.latest("clients").map(u -> (ClientStateSnapshot) u.snapshot()).orElse(null);
    }

    private long latestHostReading() {
        return hub.latest("host").map(u -> u.ts().toEpochMilli()).orElse(0L);
    }
}
