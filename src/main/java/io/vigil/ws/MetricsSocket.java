package io.vigil.ws;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vigil.log.LogSafe;

/**
 * /ws/metrics: a snapshot on open, then updates, status changes and events as the hub publishes them. A dashboard
 * may narrow the topics, ask for the current data, or ping; anything else gets an error and the socket stays open.
 */
@WebSocket(path = "/ws/metrics")
public class MetricsSocket {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MetricsSocket.class);

    private final MetricsSubscribers subscribers;
    private final WsMessages messages;
    private final ObjectMapper json;

    public MetricsSocket(MetricsSubscribers subscribers, WsMessages messages, ObjectMapper json) {
        this.subscribers = subscribers;
        this.messages = messages;
        this.json = json;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return connection.sendText(messages.snapshot()).invoke(() -> subscribers.open(connection));
    }

    @OnTextMessage
    public Uni<String> onMessage(String text, WebSocketConnection connection) {
        ClientCommand command = ClientCommand.parse(json, text);
        if (command.error() != null) {
            return Uni.createFrom().item(messages.error("invalid_message", command.error()));
        }
        return Uni.createFrom().item(() -> switch (command.action()) {
            case "subscribe" -> {
                try {
                    yield messages.subscribed(subscribers.subscribe(connection, command.topics()));
                } catch (IllegalArgumentException e) {
                    yield messages.error("unknown_topic", e.getMessage());
                }
            }
            case "get_current_data" -> messages.currentData();
            default -> messages.pong();
        });
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        subscribers.close(connection);
    }

    /** A browser that vanishes without a close handshake is normal on lab networks, not an error worth a stack trace. */
    @OnError
    public void onError(WebSocketConnection connection, Throwable failure) {
        LOG.debugf("WebSocket %s: %s", connection.id(), LogSafe.escape(failure.getMessage()));
        subscribers.close(connection);
    }
}
