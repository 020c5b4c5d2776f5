package io.vigil.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vigil.hub.HubConfig;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.view.HostView;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * The open /ws/metrics connections. Each hub message is encoded to JSON once, whatever the number of dashboards, and
 * handed to every connection that wants its topic. A connection that keeps up holds nothing and gets it at once; one
 * that is behind keeps only the latest state per key and a few events ({@link Outbox}), so a slow browser costs a few
 * entries and never holds up the others. The UTF-8 bytes are made once too, and every connection writes the same
 * ({@link SharedFrame}). No per-connection stream: a connection is a topic filter and an outbox, and
 * delivery goes to each event loop once, which writes to its own connections without crossing threads and flushes
 * them a few at a time ({@link FlushQueue}), so that a burst of messages leaves in one system call per connection.
 */
@ApplicationScoped
public class MetricsSubscribers {

    private static final Logger LOG = Logger.getLogger(MetricsSubscribers.class);
    /** Topics that are not sources: they come from other consumers of the hub (alerts, scheduler). */
    static final List<String> EXTRA_TOPICS = List.of("alerts", "scheduler");

    /** A hub message as it goes on the wire: its JSON, and the same as one frame shared by every connection. */
    record Encoded(String topic, Object conflationKey, boolean everyone, String json, SharedFrame frame) {

        Encoded(String topic, Object conflationKey, boolean everyone, String json) {
            this(topic, conflationKey, everyone, json, new SharedFrame(json));
        }
    }

    private final MetricsHub hub;
    private final WsMessages messages;
    private final int maxPending;
    private final Outbox.Counters counters;
    private final Map<String, Subscriber> open = new ConcurrentHashMap<>();
    /**
     * The same connections by the event loop they live on: a message is handed to each loop once, which then offers
     * it to its own connections, instead of one cross-thread write task per connection.
     */
    private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();
    private static final Thread NOT_A_LOOP = new Thread("not an event loop");
    /**
     * Writes a connection may have unfinished before it counts as behind. More than one, so that the messages of a
     * burst leave together; few, since the bytes queued in the server are per connection (beyond this, a connection
     * keeps only the latest per key, as {@link Outbox} says). A write finishes when the kernel took it, so a browser
     * that reads normally never has more than a burst's worth unfinished.
     */
    static final int MAX_IN_FLIGHT = 8;

    public MetricsSubscribers(MetricsHub hub, WsMessages messages, HubConfig config) {
        this.hub = hub;
        // One for all connections: the hub keeps the counts.
        this.counters = new Outbox.Counters() {

            @Override
            public void replaced() {
                hub.countConflatedForSlowConsumer();
            }

            @Override
            public void dropped() {
                hub.countDroppedForSlowConsumer();
            }
        };
        this.messages = messages;
        this.maxPending = config.maxPendingPerConsumer();
    }

    private static final class Subscriber {

        volatile Set<String> topics; // null: everything
        final Outbox<Encoded> outbox;
        final Loop loop;

        Subscriber(Outbox<Encoded> outbox, Loop loop) {
            this.outbox = outbox;
            this.loop = loop;
        }
    }

    /** An event loop's connections, a context to run on that loop, and their flushes. */
    private record Loop(Context context, Set<Subscriber> subscribers, FlushQueue flushes) {

        void offer(Encoded message) {
            for (Subscriber subscriber : subscribers) {
                if (accepts(subscriber, message)) {
                    subscriber.outbox.offer(message);
                }
            }
        }
    }

    void start(@Observes Started event) {
        hub.messages()
                // With no dashboard open nothing is encoded: one that opens gets a snapshot of its own.
                .filter(m -> !open.isEmpty())
                .map(m -> new Encoded(m.topic(), m.conflationKey(), m instanceof HubMessage.StatusChange, messages.encode(m)))
                .subscribe().with(this::fanOut, failure -> LOG.error("WebSocket fan-out stopped", LogSafe.escape(failure)));
    }

    private void fanOut(Encoded message) {
        for (Loop loop : loops.values()) {
            if (loop.subscribers().isEmpty()) {
                continue;
            }
            if (loop.context() == null) {
                loop.offer(message);
            } else {
                loop.context().runOnContext(v -> loop.offer(message));
            }
        }
    }

    void open(WebSocketConnection connection) {
        // Called on the connection's event loop (its @OnOpen); elsewhere (a test) the messages are offered inline.
        Context context = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
        Loop loop = loops.computeIfAbsent(context == null ? NOT_A_LOOP : Thread.currentThread(),
                t -> new Loop(context, ConcurrentHashMap.newKeySet(), new FlushQueue()));
        ServerWebSocket socket = SharedFrame.socketOf(connection);
        Outbox.Wire<Encoded> wire;
        if (socket != null) {
            if (context != null) {
                loop.flushes().hold(socket);
            }
            wire = (m, done) -> m.frame().writeTo(socket, done);
        } else {
            wire = (m, done) -> connection.sendText(m.json()).subscribe().with(x -> done.finished(true),
                    f -> done.finished(false));
        }
        Subscriber subscriber = new Subscriber(
                new Outbox<>(wire, Encoded::conflationKey, MAX_IN_FLIGHT, maxPending, counters), loop);
        open.put(connection.id(), subscriber);
        loop.subscribers().add(subscriber);
    }

    void close(WebSocketConnection connection) {
        Subscriber subscriber = open.remove(connection.id());
        if (subscriber != null) {
            subscriber.loop.subscribers().remove(subscriber);
            subscriber.outbox.close();
        }
    }

    /** Narrows a connection to the given topics; an empty list or "*" means all. */
    List<String> subscribe(WebSocketConnection connection, List<String> requested) {
        Subscriber subscriber = open.get(connection.id());
        List<String> known = topics(hub);
        List<String> unknown = new ArrayList<>();
        Set<String> chosen = ConcurrentHashMap.newKeySet();
        for (String topic : requested) {
            String t = "system".equals(topic) ? HostView.SOURCE : topic;
            if ("*".equals(t)) {
                chosen = null;
                break;
            }
            if (!known.contains(t)) {
                unknown.add(topic);
            }
            chosen.add(t);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown topics " + unknown + "; known: " + known);
        }
        if (subscriber != null) {
            subscriber.topics = chosen == null || chosen.isEmpty() ? null : chosen;
        }
        return subscriber == null || subscriber.topics == null ? known : List.copyOf(subscriber.topics);
    }

    /** Status changes go to everyone: a dashboard shows every source's chip whatever it charts. */
    private static boolean accepts(Subscriber subscriber, Encoded message) {
        Set<String> topics = subscriber.topics;
        return topics == null || message.everyone() || topics.contains(message.topic());
    }

    public int count() {
        return open.size();
    }

    static List<String> topics(MetricsHub hub) {
        List<String> all = new ArrayList<>(hub.sourceNames());
        all.addAll(EXTRA_TOPICS);
        return all;
    }
}
