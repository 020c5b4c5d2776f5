package io.vigil.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.view.HostView;
import io.vigil.log.LogSafe;

/**
 * The open /ws/metrics connections. Each hub message is encoded to JSON once, whatever the number of dashboards;
 * each connection then has its topic filter and its own conflated subscription, so a slow browser gets the latest
 * state and never holds up the others.
 */
@ApplicationScoped
public class MetricsSubscribers {

    private static final Logger LOG = Logger.getLogger(MetricsSubscribers.class);
    /** Topics that are not sources: they come from other consumers of the hub (alerts, scheduler). */
    static final List<String> EXTRA_TOPICS = List.of("alerts", "scheduler");

    /** A hub message as it goes on the wire. */
    record Encoded(String topic, Object conflationKey, boolean everyone, String json) {
    }

    private final MetricsHub hub;
    private final WsMessages messages;
    private final Map<String, Subscriber> open = new ConcurrentHashMap<>();
    private final BroadcastProcessor<Encoded> encoded = BroadcastProcessor.create();

    public MetricsSubscribers(MetricsHub hub, WsMessages messages) {
        this.hub = hub;
        this.messages = messages;
    }

    private static final class Subscriber {

        volatile Set<String> topics; // null: everything
        volatile Cancellable stream;
    }

    void start(@Observes StartupEvent event) {
        hub.messages()
                .map(m -> new Encoded(m.topic(), m.conflationKey(), m instanceof HubMessage.StatusChange, messages.encode(m)))
                .subscribe().with(encoded::onNext, failure -> LOG.error("WebSocket fan-out stopped", LogSafe.escape(failure)));
    }

    void open(WebSocketConnection connection) {
        Subscriber subscriber = new Subscriber();
        open.put(connection.id(), subscriber);
        subscriber.stream = hub.conflated(encoded.select().where(m -> accepts(subscriber, m)), Encoded::conflationKey)
                .onItem().transformToUniAndConcatenate(m -> connection.sendText(m.json()).onFailure().recoverWithNull())
                .subscribe().with(ignored -> {
                }, failure -> LOG.debugf("Stream to WebSocket %s ended: %s", connection.id(),
                        LogSafe.escape(failure.getMessage())));
        if (!open.containsKey(connection.id())) {
            subscriber.stream.cancel(); // closed while we were subscribing
        }
    }

    void close(WebSocketConnection connection) {
        Subscriber subscriber = open.remove(connection.id());
        if (subscriber != null && subscriber.stream != null) {
            subscriber.stream.cancel();
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
