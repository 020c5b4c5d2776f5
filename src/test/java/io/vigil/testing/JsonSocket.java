package io.vigil.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client that keeps every JSON message it receives, for tests of /ws/metrics. */
public final class JsonSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private JsonSocket(URI endpoint, String token) {
        URI ws = URI.create(endpoint.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        socket = builder.buildAsync(ws, new WebSocket.Listener() {

            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
    }

    /** Connects to an http:// or ws:// endpoint as the test profile's admin. */
    public static JsonSocket connect(URI endpoint) {
        return new JsonSocket(endpoint, Tokens.ADMIN);
    }

    /** Connects with this token (or none, when null). */
    public static JsonSocket connect(URI endpoint, String token) {
        return new JsonSocket(endpoint, token);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public List<JsonNode> received() {
        return received;
    }

    /** The first message received that matches, waiting up to the given time for it. */
    public JsonNode awaitMessage(Duration atMost, Predicate<JsonNode> matching) {
        return org.awaitility.Awaitility.await().atMost(atMost)
                .until(() -> received.stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }

    public static Predicate<JsonNode> type(String type) {
        return m -> m.path("type").asText().equals(type);
    }

    public static Predicate<JsonNode> update(String source) {
        return m -> m.path("type").asText().equals("update") && m.path("source").asText().equals(source);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
