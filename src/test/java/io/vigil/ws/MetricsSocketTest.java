package io.vigil.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.EpollSocketChannel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.OpenConnections;
import io.restassured.http.ContentType;
import io.vigil.testing.JsonSocket;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/** /ws/metrics through a real WebSocket client. */
@QuarkusTest
@TestProfile(SharedServers.class)
class MetricsSocketTest {

    @TestHTTPResource("/ws/metrics")
    URI endpoint;

    @Inject
    OpenConnections connections;

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
    void snapshotOnOpenThenUpdates() {
        JsonNode first = await().atMost(Duration.ofSeconds(20)).until(() -> received.isEmpty() ? null : received.get(0),
                m -> m != null);
        assertThat(first.get("type").asText()).isEqualTo("snapshot");
        assertThat(first.get("data").has("host")).isTrue();
        assertThat(first.get("data").has("experiments")).isTrue();
        assertThat(first.get("topics").toString()).contains("host", "experiments", "alerts");

        JsonNode update = awaitMessage("update", "host");
        assertThat(update.get("data").get("cpu").get("percent").isNumber()).isTrue();
        assertThat(update.get("series").has("host.cpu.percent")).isTrue();
        assertThat(update.get("ts").asText()).endsWith("Z");
    }

    /** Each dashboard's flushes go through its event loop's queue, so that a burst leaves in one system call. */
    @Test
    void aDashboardsFlushesAreHeldInItsEventLoopsQueue() {
        awaitMessage("update", "host");
        List<ChannelHandlerContext> channels = connections.findByEndpointId(MetricsSocket.class.getName()).stream()
                .map(c -> SharedFrame.channelOf(SharedFrame.socketOf(c))).toList();
        assertThat(channels).as("the Netty channels under the connections").isNotEmpty().doesNotContainNull();
        // Another test's connection may be closing: its pipeline is already taken down.
        assertThat(channels.stream().filter(c -> c.channel().isActive()).toList()).isNotEmpty()
                .allSatisfy(channel -> assertThat(channel.pipeline().get(FlushQueue.HANDLER_NAME)).isNotNull());
    }

    /**
     * Browsers offer permessage-deflate; accepted, every message would be compressed once per dashboard, each keeping a
     * compressor of its own (about 230 KB of memory each, and p99 339 ms instead of 81 at 1,000 such dashboards).
     */
    @Test
    void aBrowsersOfferOfCompressionIsDeclined() throws Exception {
        try (Socket raw = new Socket(endpoint.getHost(), endpoint.getPort())) {
            raw.setSoTimeout(20_000);
            raw.getOutputStream().write(("GET " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Authorization: Bearer " + Tokens.ADMIN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the handshake's answer, so far: " + head).isNotNegative();
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("sec-websocket-extensions");
            // The snapshot's first byte: FIN and a text frame, without RSV1 (a compressed message sets it).
            assertThat(in.read()).isEqualTo(0x81);
        }
    }

    /** On Linux (x86-64, arm64) the dashboards' sockets run on epoll, whose writes cost less than the JDK's. */
    @Test
    void onLinuxTheDashboardsSocketsUseEpoll() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch")), "Linux x86-64 or arm64");
        awaitMessage("update", "host");
        assertThat(connections.findByEndpointId(MetricsSocket.class.getName()).stream()
                .map(c -> SharedFrame.channelOf(SharedFrame.socketOf(c))).filter(c -> c.channel().isActive()).toList())
                .isNotEmpty().allSatisfy(c -> assertThat(c.channel()).isInstanceOf(EpollSocketChannel.class));
    }

    @Test
    void aClientJoiningLaterFindsTheActiveAlertsInItsSnapshot() {
        String rule = "Joined" + System.nanoTime();
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.percent","op":">=","threshold":0,"severity":"warning"}""".formatted(rule))
                .post("/api/v1/alert-rules").then().statusCode(201);
        try {
            String id = await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                    .path("find { it.rule == '" + rule + "' && it.state == 'FIRING' }.id"), v -> v != null);
            try (JsonSocket late = JsonSocket.connect(endpoint)) {
                JsonNode first = late.awaitMessage(Duration.ofSeconds(15), m -> true);
                assertThat(first.get("type").asText()).isEqualTo("snapshot");
                assertThat(first.get("alerts")).anySatisfy(a -> {
                    assertThat(a.get("id").asText()).isEqualTo(id);
                    assertThat(a.get("state").asText()).isEqualTo("FIRING");
                    assertThat(a.get("severity").asText()).isEqualTo("warning");
                });
            }
        } finally {
            given().delete("/api/v1/alert-rules/" + rule).then().statusCode(204);
        }
    }

    @Test
    void aSubscriptionGetsOnlyItsTopics() {
        awaitMessage("update", "host");
        send("{\"action\":\"subscribe\",\"topics\":[\"experiments\"]}");
        JsonNode ack = awaitMessage("subscribed", null);
        assertThat(ack.get("topics").toString()).isEqualTo("[\"experiments\"]");
        int afterAck = received.indexOf(ack);

        // Host reads every second and experiments every 200 ms: after 2.5 s only experiments may have come.
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> true);
        List<JsonNode> later = received.subList(afterAck + 1, received.size());
        assertThat(later).anyMatch(m -> isUpdateFrom(m, "experiments"));
        assertThat(later).noneMatch(m -> isUpdateFrom(m, "host"));

        send("{\"action\":\"subscribe\",\"topics\":[\"*\"]}");
        awaitMessage("subscribed", null);
        awaitMessage("update", "host");
    }

    @Test
    void anUnknownTopicIsAnErrorAndChangesNothing() {
        send("{\"action\":\"subscribe\",\"topics\":[\"weather\"]}");
        JsonNode error = awaitMessage("error", null);
        assertThat(error.get("message").asText()).contains("weather");
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysUsable() {
        send("this is not json");
        assertThat(awaitMessage("error", null).get("error").asText()).isEqualTo("invalid_message");
        received.clear();
        send("{\"action\":\"launch_rockets\"}");
        assertThat(awaitMessage("error", null).get("message").asText()).contains("launch_rockets");
        received.clear();
        send("{\"action\":\"subscribe\",\"topics\":\"host\"}");
        assertThat(awaitMessage("error", null).get("message").asText()).contains("array of strings");

        send("{\"action\":\"get_current_data\"}");
        JsonNode current = awaitMessage("current_data", null);
        assertThat(current.get("data").has("experiments")).isTrue();
        assertThat(current.get("data").get("system_health").get("cpu")).isNotNull();
        assertThat(current.get("data").get("sources").has("host")).isTrue();
    }

    @Test
    void theOlderDashboardsBareCommandWorks() {
        send("get_current_data");
        awaitMessage("current_data", null);
        send("{\"action\":\"ping\"}");
        awaitMessage("pong", null);
    }

    private void send(String text) {
        socket.send(text);
    }

    private JsonNode awaitMessage(String type, String source) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> received.stream()
                .filter(m -> m.path("type").asText().equals(type))
                .filter(m -> source == null || m.path("source").asText().equals(source))
                .reduce((a, b) -> b).orElse(null), m -> m != null);
    }

    private static boolean isUpdateFrom(JsonNode message, String source) {
        return message.path("type").asText().equals("update") && message.path("source").asText().equals(source);
    }
}
