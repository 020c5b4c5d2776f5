package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.impl.WebSocketInternal;

/** Real sockets on one server event loop; a counter at the head of each channel sees the flushes that reach it. */
class FlushQueueTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<ServerWebSocket> sockets = new ArrayList<>();
    private final List<Queue<String>> received = new ArrayList<>();
    private final List<AtomicInteger> flushes = new ArrayList<>();
    private EventExecutor loop;

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void connect(int n) throws Exception {
        Queue<ServerWebSocket> accepted = new ConcurrentLinkedQueue<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(accepted::add).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebSocketClient client = vertx.createWebSocketClient();
        for (int i = 0; i < n; i++) {
            Queue<String> texts = new ConcurrentLinkedQueue<>();
            received.add(texts);
            client.connect(server.actualPort(), "localhost", "/").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).textMessageHandler(texts::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepted.isEmpty());
            ServerWebSocket socket = accepted.poll();
            sockets.add(socket);
            ChannelHandlerContext vertxHandler = ((WebSocketInternal) socket).channelHandlerContext();
            AtomicInteger count = new AtomicInteger();
            flushes.add(count);
            vertxHandler.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {

                @Override
                public void flush(ChannelHandlerContext ctx) throws Exception {
                    count.incrementAndGet();
                    super.flush(ctx);
                }
            });
            if (loop == null) {
                loop = vertxHandler.executor();
            }
            assertThat(vertxHandler.executor()).as("one server, one event loop").isSameAs(loop);
        }
        FlushQueue queue = new FlushQueue();
        onLoop(() -> sockets.forEach(queue::hold));
        onLoop(() -> sockets.forEach(queue::hold)); // a second time changes nothing
    }

    void onLoop(Runnable task) throws Exception {
        loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    void writeToAll(String json) {
        SharedFrame frame = new SharedFrame(json);
        sockets.forEach(s -> frame.writeTo(s, written -> {
        }));
    }

    @Test
    void messagesWrittenInOneTurnOfTheLoopLeaveInOneFlush() throws Exception {
        connect(1);
        onLoop(() -> {
            for (int i = 0; i < 5; i++) {
                writeToAll("{\"n\":" + i + "}");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get(0).size() == 5);
        assertThat(received.get(0)).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        assertThat(flushes.get(0)).hasValue(1);
    }

    /**
     * A message written while the loop is still flushing the previous one goes out with it on the connections not
     * yet flushed: those get both in one system call.
     */
    @Test
    void aMessageWrittenWhileTheLoopFlushesJoinsTheConnectionsNotYetFlushed() throws Exception {
        int n = FlushQueue.PER_TURN + 8;
        connect(n);
        onLoop(() -> {
            writeToAll("{\"m\":\"a\"}");
            // Queued behind the first pass of flushes, ahead of the second.
            loop.execute(() -> writeToAll("{\"m\":\"b\"}"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(q -> q.size() == 2));
        received.forEach(q -> assertThat(q).containsExactly("{\"m\":\"a\"}", "{\"m\":\"b\"}"));
        for (int i = 0; i < n; i++) {
            assertThat(flushes.get(i)).as("flushes of connection %d", i).hasValue(i < FlushQueue.PER_TURN ? 2 : 1);
        }
    }

    /**
     * Closed in the same turn as the write, from below Vert.x's handler (which would otherwise flush before it closes,
     * through the queue): the held write still goes first.
     */
    @Test
    void aChannelClosedWithAFlushHeldStillSendsWhatWasWritten() throws Exception {
        connect(1);
        onLoop(() -> {
            writeToAll("{\"last\":true}");
            ((WebSocketInternal) sockets.get(0)).channelHandlerContext().close();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get(0).size() == 1);
        assertThat(received.get(0)).containsExactly("{\"last\":true}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sockets.get(0).isClosed());
    }
}
