package io.vigil.ws;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.WebSocketInternal;
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
    /** Vert.x Web wraps the socket of an upgraded route; the channel is under the wrapper. */
    private static final Field WRAPPED = field("io.vertx.ext.web.impl.ServerWebSocketWrapper", "delegate");

    private final ByteBuf utf8;

    SharedFrame(String json) {
        this.utf8 = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the frame; {@code done} hears once the socket took it, or failed. Call it on the connection's event loop. */
    void writeTo(ServerWebSocket socket, Outbox.Done done) {
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8.duplicate(), true))
                .onComplete(result -> done.finished(result.succeeded()));
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

    /**
     * The Netty channel handler Vert.x writes a socket's frames through, or null where it cannot be reached (then
     * the socket's writes flush one by one, as Vert.x does).
     */
    static ChannelHandlerContext channelOf(ServerWebSocket socket) {
        ServerWebSocket s = socket;
        if (WRAPPED != null && WRAPPED.getDeclaringClass().isInstance(s)) {
            try {
                s = (ServerWebSocket) WRAPPED.get(s);
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }
        return s instanceof WebSocketInternal internal ? internal.channelHandlerContext() : null;
    }

    static boolean available() {
        return SOCKET != null;
    }

    private static Field field(String className, String name) {
        try {
            Field f = Class.forName(className, false, SharedFrame.class.getClassLoader()).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field socketField() {
        Field f = field("io.quarkus.websockets.next.runtime.WebSocketConnectionImpl", "webSocket");
        if (f == null || !ServerWebSocket.class.isAssignableFrom(f.getType())) {
            LOG.warn("WebSocket messages are encoded once per connection: this WebSockets Next has no socket to share"
                    + " frames on (WebSocketConnectionImpl.webSocket)");
            return null;
        }
        return f;
    }
}
