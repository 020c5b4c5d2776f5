package io.vigil.ws;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What one connection still has to be sent. A connection that keeps up holds nothing: each message goes straight to
 * the socket, and several may be on their way at once, so a burst (sources that tick on the same second) leaves in
 * one flush. Only a connection with {@code maxInFlight} writes unfinished is behind; it then keeps only the latest
 * message per key (a source's update, its status) and a bounded number of keyless ones (events), the oldest dropped
 * first — so a slow browser costs a few entries, never a queue that grows, and never holds up the others.
 *
 * <p>
 * Offers and write callbacks come from the connection's event loop, so the lock is never contended there; it is for
 * a connection with no event loop of its own, whose callbacks come from elsewhere.
 *
 * @param <M> a message as it goes on the wire
 */
final class Outbox<M> {

    /** The connection's side: writes a message and says when it has left, or failed. */
    interface Wire<M> {

        void write(M message, Done done);
    }

    /** How a write ended: a failed one means the connection is gone. */
    interface Done {

        void finished(boolean written);
    }

    /** What happened to messages that could not go out at once. */
    interface Counters {

        void replaced();

        void dropped();
    }

    private final Wire<M> wire;
    private final Function<M, Object> keyOf;
    private final int maxInFlight;
    private final int maxPending;
    private final Counters counters;
    private LinkedHashMap<Object, M> pending;
    private int inFlight;
    private boolean closed;

    Outbox(Wire<M> wire, Function<M, Object> keyOf, int maxInFlight, int maxPending, Counters counters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.wire = wire;
        this.keyOf = keyOf;
        this.maxInFlight = maxInFlight;
        this.maxPending = maxPending;
        this.counters = counters;
    }

    synchronized void offer(M message) {
        if (closed) {
            return;
        }
        if (pending == null && inFlight < maxInFlight) {
            send(message);
            return;
        }
        keep(message);
        drain();
    }

    synchronized void close() {
        closed = true;
        pending = null;
    }

    /** How many messages wait (0 for a connection that keeps up). */
    synchronized int pending() {
        return pending == null ? 0 : pending.size();
    }

    /** How many writes have not finished. */
    synchronized int inFlight() {
        return inFlight;
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

    private void send(M message) {
        inFlight++;
        boolean[] finished = new boolean[1];
        try {
            wire.write(message, written -> {
                synchronized (this) {
                    // A wire that reports twice must not let more writes through than the bound.
                    if (finished[0]) {
                        return;
                    }
                    finished[0] = true;
                    inFlight--;
                    if (written) {
                        drain();
                    } else {
                        gone();
                    }
                }
            });
        } catch (RuntimeException e) {
            if (!finished[0]) {
                finished[0] = true;
                inFlight--;
            }
            counters.dropped();
            gone();
        }
    }

    /** The socket failed a write: it is closing, and what waits would only fail the same way, one by one. */
    private void gone() {
        closed = true;
        pending = null;
    }

    private void drain() {
        while (!closed && pending != null && inFlight < maxInFlight) {
            Iterator<M> eldest = pending.values().iterator();
            if (!eldest.hasNext()) {
                break;
            }
            M message = eldest.next();
            eldest.remove();
            send(message);
        }
        if (pending != null && pending.isEmpty()) {
            pending = null; // caught up: give the memory back
        }
    }
}
