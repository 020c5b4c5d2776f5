package io.vigil.ws;

import java.util.ArrayDeque;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.http.ServerWebSocket;

/**
 * The dashboards of one event loop that have been written to and not flushed yet, flushed a few at a time.
 *
 * <p>
 * Every WebSocket write flushes, and each flush is a {@code write(2)}: at 1,000 dashboards that system call was most
 * of the fan-out's time, and sources that tick on the same second queued up behind each other's 1,000 calls. Here a
 * connection's flush is held in this queue instead; the loop flushes {@value #PER_TURN} connections, then lets
 * whatever else it has queued run (the next message's writes) before the next {@value #PER_TURN}. A message written
 * while the loop is still flushing the previous one so joins it in the same system call on every connection not yet
 * flushed: under a burst, the later connections get the whole burst at once. A lone message is flushed within the
 * same pass of the loop, never held for a timer.
 *
 * <p>
 * Only the loop's own thread touches the queue: the handler's methods and the pass both run there.
 */
final class FlushQueue {

    private static final Logger LOG = Logger.getLogger(FlushQueue.class);
    static final String HANDLER_NAME = "vigil-flush-queue";
    /** Connections flushed before the loop may run other work; small enough that a new message's writes wait little. */
    static final int PER_TURN = 32;

    private final ArrayDeque<HeldFlush> held = new ArrayDeque<>();
    private final Runnable pass = this::flushSome;
    private boolean passQueued;
    private static volatile boolean warned;

    /**
     * Holds the flushes of this socket's connection in this queue from now on. Call it on the connection's event
     * loop, the one this queue belongs to. Where the socket's channel cannot be reached, its writes flush alone.
     *
     * @return whether its flushes are held (also when they already were)
     */
    boolean hold(ServerWebSocket socket) {
        ChannelHandlerContext vertx = SharedFrame.channelOf(socket);
        if (vertx == null) {
            if (!warned) {
                warned = true;
                LOG.warn("WebSocket messages are flushed one by one: this Vert.x has no channel to hold flushes on");
            }
            return false;
        }
        try {
            // Another loop's connection would share this queue across threads.
            if (!vertx.executor().inEventLoop()) {
                return false;
            }
            if (vertx.pipeline().get(HANDLER_NAME) == null) {
                // Before Vert.x's handler, so that its flushes pass through this one on their way out.
                vertx.pipeline().addBefore(vertx.name(), HANDLER_NAME, new HeldFlush());
            }
            return true;
        } catch (RuntimeException e) {
            // Closed meanwhile: the pipeline is gone, and nothing more will be written.
            LOG.debugf("WebSocket flushes not held: %s", e.getMessage());
            return false;
        }
    }

    /** Connections waiting for their flush. */
    int size() {
        return held.size();
    }

    private void flushSome() {
        passQueued = false;
        for (int i = 0; i < PER_TURN; i++) {
            HeldFlush next = held.poll();
            if (next == null) {
                return;
            }
            next.flushNow();
        }
        if (!held.isEmpty()) {
            queuePass(held.peek().ctx.executor());
        }
    }

    private void queuePass(EventExecutor loop) {
        if (!passQueued) {
            passQueued = true;
            loop.execute(pass);
        }
    }

    /** One connection's flushes: the first marks it as waiting, the queue's pass sends them all with one. */
    private final class HeldFlush extends ChannelOutboundHandlerAdapter {

        private ChannelHandlerContext ctx;
        private boolean waiting;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!waiting) {
                waiting = true;
                held.add(this);
                queuePass(ctx.executor());
            }
        }

        void flushNow() {
            waiting = false;
            ctx.flush();
        }

        /**
         * What was written goes out before the connection closes. The entry stays in the queue (finding it would
         * cost a scan of every connection); the pass flushes nothing more for it.
         */
        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (waiting) {
                ctx.flush();
            }
            ctx.close(promise);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (waiting) {
                ctx.flush();
            }
        }
    }
}
