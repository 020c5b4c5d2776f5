package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.JsonSocket;
import io.vigil.testing.RabbitBroker;
import io.vigil.testing.SharedServers;

/** The {@code pipelines} topic of /ws/metrics, through a real WebSocket client. */
@QuarkusTest
@TestProfile(SharedServers.class)
class PipelinesSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/ws/metrics")
    URI endpoint;

    private final RabbitBroker broker = RabbitBroker.current();
    private JsonSocket socket;
    private List<JsonNode> received;

    @BeforeEach
    void connect() {
        socket = JsonSocket.connect(endpoint);
        received = socket.received();
    }

    @AfterEach
    void close() {
        socket.close();
    }

    @Test
    void theTopicCarriesPipelineUpdatesAndEvents() {
        JsonNode snapshot = awaitMessage(m -> m.path("type").asText().equals("snapshot"));
        assertThat(snapshot.get("topics").toString()).contains("\"pipelines\"");
        assertThat(snapshot.get("data").has("pipelines")).isTrue();

        socket.send("{\"action\":\"subscribe\",\"topics\":[\"pipelines\"]}");
        JsonNode ack = awaitMessage(m -> m.path("type").asText().equals("subscribed"));
        assertThat(ack.get("topics").toString()).isEqualTo("[\"pipelines\"]");

        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        broker.publish(broker.faceExchange, "face", PipelinesSourceTest.result("face", "success",
                now.minusMillis(120).toString(), now.toString()));
        broker.publish(broker.actionsExchange, "actions", "{\"action\":\"deactivate\",\"client_id\":\"" + client
                + "\",\"actor\":\"ops\",\"outcome\":\"applied\"}");

        JsonNode event = awaitMessage(m -> m.path("type").asText().equals("event")
                && m.path("event").asText().equals("ACTION_SAVED") && m.path("data").path("client_id").asText().equals(client));
        assertThat(event.get("source").asText()).isEqualTo("pipelines");
        assertThat(event.get("data").get("action").asText()).isEqualTo("deactivate");

        JsonNode update = awaitMessage(m -> m.path("type").asText().equals("update")
                && m.path("data").path("recent_actions").toString().contains(client));
        assertThat(update.get("source").asText()).isEqualTo("pipelines");
        assertThat(update.get("data").get("pipelines").get("face").get("mode").asText()).isEqualTo("consumer");
        assertThat(update.get("series").has("pipelines.count{pipeline=\"face\"}")).isTrue();
        assertThat(update.get("series").get("pipelines.count{pipeline=\"face\"}").asDouble())
                .isEqualTo(update.get("data").get("pipelines").get("face").get("count").asDouble());

        List<JsonNode> all = List.copyOf(received);
        List<JsonNode> afterAck = all.subList(all.indexOf(ack) + 1, all.size());
        assertThat(afterAck).anyMatch(m -> m.path("type").asText().equals("update"));
        assertThat(afterAck)
                .noneMatch(m -> m.path("type").asText().equals("update") && !m.path("source").asText().equals("pipelines"));
    }

    private JsonNode awaitMessage(Predicate<JsonNode> matching) {
        return await().atMost(WAIT).until(() -> received.stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }
}
