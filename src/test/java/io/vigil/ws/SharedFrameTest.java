package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;

class SharedFrameTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWebSocketsNextInUseLetsFramesBeShared() {
        assertThat(SharedFrame.available()).as("WebSocketConnectionImpl.webSocket found").isTrue();
    }

    /** Netty releases what it wrote: the shared bytes must survive that for the next connection and the next write. */
    @Test
    void oneFrameWrittenToManySocketsArrivesWholeOnEach() throws Exception {
        Queue<ServerWebSocket> sockets = new ConcurrentLinkedQueue<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(sockets::add).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebSocketClient client = vertx.createWebSocketClient();
        List<Queue<String>> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Queue<String> texts = new ConcurrentLinkedQueue<>();
            received.add(texts);
            client.connect(server.actualPort(), "localhost", "/").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).textMessageHandler(texts::add);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sockets.size() == 3);

        String json = "{\"type\":\"update\",\"source\":\"host\",\"data\":{\"name\":\"Zürich – µ-plate ✓\",\"n\":"
                + "1".repeat(5000) + "}}";
        SharedFrame frame = new SharedFrame(json);
        for (int round = 0; round < 2; round++) {
            for (ServerWebSocket socket : sockets) {
                vertx.runOnContext(v -> frame.writeTo(socket, written -> {
                }));
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(q -> q.size() == 2));
        received.forEach(q -> assertThat(q).containsExactly(json, json));
    }
}
