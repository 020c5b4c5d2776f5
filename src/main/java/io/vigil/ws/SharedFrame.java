package io.vigil.ws;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * One message's UTF-8 bytes, made once and written as a text frame to every connection that gets it. Sending a
 * {@code String} through a connection encodes it again for each one (a copy per dashboard: at 1,000 dashboards
 * that was nearly all the service's allocation, and the young collections that came with it). The bytes are
 * unreleasable, so Netty's release after each write leaves them for the next connection and the garbage collector
 * frees them once the last one is written.
 *
 * <p>
 * WebSockets Next has no public way to write a frame of one's own, so the connection's Vert.x socket is reached by
 * reflection; where that fails (another version), {@link #socketOf} says so and the message goes through
 * {@link WebSocketConnection#sendText(String)} as before ({@code SharedFrameTest} fails first).
 */
final class SharedFrame {

    private static final Logger LOG = Logger.getLogger(SharedFrame.class);
    private static final Field SOCKET = socketField();

    private final ByteBuf utf8;

    SharedFrame(String json) {
        this.utf8 = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the frame; completes when the socket took it. Call it on the connection's event loop. */
    Uni<Void> writeTo(ServerWebSocket socket) {
        return UniHelper.toUni(socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8.duplicate(), true)));
    }

    /** The Vert.x socket under a WebSockets Next connection, or null where it cannot be reached. */
    static ServerWebSocket socketOf(WebSocketConnection connection) {
        if (SOCKET == null || !SOCKET.getDeclaringClass().isInstance(connection)) {
            return null;
        }
        try {
            return (ServerWebSocket) SOCKET.get(connection);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return SOCKET != null;
    }

    private static Field socketField() {
        try {
            Field f = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionImpl", false,
                    SharedFrame.class.getClassLoader()).getDeclaredField("webSocket");
            if (!ServerWebSocket.class.isAssignableFrom(f.getType())) {
                throw new NoSuchFieldException("webSocket is a " + f.getType());
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("WebSocket messages are encoded once per connection: this WebSockets Next has no socket to share"
                    + " frames on (%s)", e);
            return null;
        }
    }
}
