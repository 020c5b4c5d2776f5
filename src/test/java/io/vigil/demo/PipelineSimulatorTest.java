package io.vigil.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.HxRunDatabase;
import io.vigil.testing.RabbitBroker;

/** The demo's pipelines publish through the broker, and the pipelines source reads them like production data. */
@QuarkusTest
@TestProfile(PipelineSimulatorTest.Demo.class)
@WithTestResource(HxRunDatabase.class)
@WithTestResource(RabbitBroker.class)
class PipelineSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    public static class Demo implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.demo", "true", "vigil.demo.pipelines.tick", "1s", "vigil.demo.pipelines.retry", "1s");
        }
    }

    @Test
    void theSourceReadsWhatTheSimulatorPublishes() {
        RabbitBroker broker = RabbitBroker.current();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath p = pipelines();
            assertThat(p.getLong("data.pipelines.face.count")).isGreaterThan(100);
            assertThat(p.getLong("data.pipelines.face.errors")).isPositive();
            assertThat(p.getDouble("data.pipelines.face.latency_seconds.p50")).isBetween(0.01, 5.0);
            assertThat(p.getString("data.pipelines.phone.mode")).isEqualTo("queue-level");
            assertThat(p.getLong("data.pipelines.phone.stats.published")).isPositive();
            assertThat(p.getList("data.gateways.gateway_id")).contains("gw-demo-1", "gw-demo-2");
            assertThat(p.getList("data.gateways.last_heartbeat")).doesNotContainNull();
            assertThat(p.getList("data.recent_actions")).isNotEmpty();
        });
        JsonPath p = pipelines();
        // About 3 % of results are errors.
        assertThat(p.getDouble("data.pipelines.face.error_ratio")).isBetween(0.002, 0.12);
        // Everything the simulator sends parses.
        assertThat(p.getMap("data.rejected").values()).allMatch(n -> ((Number) n).longValue() == 0);
        // Its worker takes tasks from the face pipeline's work queue: the backlog is read, and it does not run away.
        assertThat(p.getList("data.pipelines.face.backlog.queue")).containsExactly(broker.faceTasks);
        assertThat(broker.inspect(broker.faceTasks).getMessageCount()).isLessThan(1_000);
    }

    @Test
    void anUnreachableBrokerIsLoggedOnceAndTheSimulatorComesBack() {
        RabbitBroker broker = RabbitBroker.current();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {

            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(PipelineSimulator.class.getName());
        logger.addHandler(handler);
        try {
            // The simulator reaches the broker at vigil.pipelines.url, which goes through the test's proxy.
            broker.cutVigilOff();
            await().atMost(WAIT).until(() -> !warnings.isEmpty());
            assertThat(warnings.get(0).getMessage()).contains("cannot reach RabbitMQ");
            // It keeps trying every second, without saying so again.
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> true);
            assertThat(warnings).hasSize(1);
        } finally {
            broker.letVigilBackIn();
            logger.removeHandler(handler);
        }
        await().atMost(WAIT).until(() -> given().get("/api/v1/status").jsonPath()
                .getString("sources.find { it.source == 'pipelines' }.status").equals("UP"));
        long count = pipelines().getLong("data.pipelines.face.count");
        await().atMost(WAIT).until(() -> pipelines().getLong("data.pipelines.face.count") > count + 20);
    }

    private static JsonPath pipelines() {
        return given().get("/api/v1/metrics/pipelines").then().statusCode(200).extract().jsonPath();
    }
}
