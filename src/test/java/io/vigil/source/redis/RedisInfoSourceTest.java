package io.vigil.source.redis;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.RedisBehindProxy;
import io.vigil.testing.SharedServers;

/** The real Redis' INFO figures, over REST and Prometheus; Redis cut off turns the source DOWN, and back UP. */
@QuarkusTest
@TestProfile(SharedServers.class)
class RedisInfoSourceTest {

    @Test
    void redisSaysHowItIsDoing() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/metrics/redis").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("data.role", equalTo("master"))
                .body("data.figures.connected_clients", greaterThan(0f))
                .body("data.figures.used_memory_bytes", greaterThan(0f)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("redis_connected_clients")));
    }

    @Test
    void redisCutOffIsDownAndComesBack() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/metrics/redis").then()
                .body("status", equalTo("UP")));
        RedisBehindProxy.proxy().cut();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/status").then()
                    .body("sources.find { it.source == 'redis' }.status", equalTo("DOWN")));
        } finally {
            RedisBehindProxy.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body("sources.find { it.source == 'redis' }.status", equalTo("UP")));
    }
}
