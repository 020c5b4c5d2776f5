package io.vigil.ws;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * What one connection still has to be sent. A connection that keeps up holds nothing: each message goes straight to
 * the socket, one send at a time. Only a connection that is behind keeps messages, and then only the latest per key
 * (a source's update, its status) and a bounded number of keyless ones (events), the oldest dropped first — so a
 * slow browser costs a few entries, never a queue that grows, and never holds up the others.
 *
 * @param <M> a message as it goes on the wire
 */
final class Outbox<M> {

    /** What happened to messages that could not go out at once. */
    interface Counters {

        void replaced();

        void dropped();
    }

    private final Function<M, Uni<Void>> send;
    private final Function<M, Object> keyOf;
    private final int maxPending;
    private final Counters counters;
    private LinkedHashMap<Object, M> pending;
    private boolean sending;
    private boolean closed;

    Outbox(Function<M, Uni<Void>> send, Function<M, Object> keyOf, int maxPending, Counters counters) {
        this.send = send;
        this.keyOf = keyOf;
        this.maxPending = maxPending;
        this.counters = counters;
    }

    void offer(M message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sending) {
                keep(message);
                return;
            }
            sending = true;
        }
        deliver(message);
    }

    void close() {
        synchronized (this) {
            closed = true;
            pending = null;
        }
    }

    /** How many messages wait (0 for a connection that keeps up). */
    synchronized int pending() {
        return pending == null ? 0 : pending.size();
    }

    private void keep(M message) {
        if (pending == null) {
            pending = new LinkedHashMap<>();
        }
        Object key = keyOf.apply(message);
        if (key == null) {
            key = new Object();
        } else if (pending.remove(key) != null) {
            counters.replaced();
        }
        pending.put(key, message);
        while (pending.size() > maxPending) {
            Iterator<Map.Entry<Object, M>> eldest = pending.entrySet().iterator();
            eldest.next();
            eldest.remove();
            counters.dropped();
        }
    }

    private void deliver(M message) {
        Uni<Void> sent;
        try {
            sent = send.apply(message);
        } catch (RuntimeException e) {
            sent = Uni.createFrom().voidItem();
        }
        sent.subscribe().with(done -> next(), failure -> next());
    }

    private void next() {
        M message;
        synchronized (this) {
            if (closed || pending == null || pending.isEmpty()) {
                sending = false;
                if (pending != null && pending.isEmpty()) {
                    pending = null; // caught up: give the memory back
                }
                return;
            }
            Iterator<M> it = pending.values().iterator();
            message = it.next();
            it.remove();
        }
        deliver(message);
    }
}
