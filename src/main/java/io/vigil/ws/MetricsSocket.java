package io.vigil.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vigil.auth.ApiTokenIdentityProvider;
import io.vigil.auth.Roles;
import io.vigil.auth.TokensResource;
import io.vigil.log.LogSafe;

/**
 * /ws/metrics: a snapshot on open, then updates, status changes and events as the hub publishes them. A dashboard
 * may narrow the topics, ask for the current data, or ping; anything else gets an error and the socket stays open.
 * The upgrade needs a viewer's token; a socket closes with 1008 (policy violation) when its token expires or is
 * revoked.
 */
@RolesAllowed(Roles.VIEWER)
@WebSocket(path = "/ws/metrics")
public class MetricsSocket {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MetricsSocket.class);
    private static final io.quarkus.websockets.next.UserData.TypedKey<String> TOKEN = io.quarkus.websockets.next.UserData.TypedKey
            .forString("vigil.token.id");

    private final MetricsSubscribers subscribers;
    private final WsMessages messages;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final OpenConnections connections;
    /** Tokens revoked while this process runs: one per revocation, so it stays small. */
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();

    public MetricsSocket(MetricsSubscribers subscribers, WsMessages messages, ObjectMapper json, SecurityIdentity identity,
            OpenConnections connections) {
        this.subscribers = subscribers;
        this.messages = messages;
        this.json = json;
        this.identity = identity;
        this.connections = connections;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String tokenId = identity.getAttribute(ApiTokenIdentityProvider.TOKEN_ID);
        if (tokenId != null) {
            connection.userData().put(TOKEN, tokenId);
            // Revoked between the upgrade and this moment: the closing below did not see this socket yet.
            if (revokedTokens.contains(tokenId)) {
                return connection.close(new CloseReason(1008, "token revoked"));
            }
        }
        return connection.sendText(messages.snapshot()).invoke(() -> subscribers.open(connection));
    }

    /** A revoked token's sockets close at once, not when the browser next reconnects. */
    void closeRevoked(@Observes TokensResource.TokenRevoked revoked) {
        revokedTokens.add(revoked.id());
        for (WebSocketConnection c : connections.findByEndpointId(MetricsSocket.class.getName())) {
            if (revoked.id().equals(c.userData().get(TOKEN))) {
                c.close(new CloseReason(1008, "token revoked")).subscribe().with(x -> {
                }, f -> LOG.debugf("closing a revoked token's socket: %s", f.getMessage()));
            }
        }
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
