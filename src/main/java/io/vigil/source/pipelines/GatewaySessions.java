package io.vigil.source.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gateways as their events describe them: the clients each has connected, and when Vigil last heard its heartbeat.
 * A gateway not heard for {@code timeout} is stale, judged by Vigil's clock (the time it received the heartbeat), so
 * a gateway whose clock is off is not stale for that. Bounded: at most {@code maxGateways} gateways (the one heard
 * from least recently is forgotten first) and {@code maxClients} clients per gateway.
 */
final class GatewaySessions {

    private final Duration timeout;
    private final int maxGateways;
    private final int maxClients;
    private final Map<String, Gateway> gateways = new LinkedHashMap<>(16, 0.75f, true);

    GatewaySessions(Duration timeout, int maxGateways, int maxClients) {
        this.timeout = timeout;
        this.maxGateways = maxGateways;
        this.maxClients = maxClients;
    }

    private static final class Gateway {

        final String id;
        final Set<String> clients = new TreeSet<>();
        final Instant firstSeen;
        Instant lastHeartbeat;
        Instant lastHeartbeatReceived;
        Instant lastEventAt;
        boolean stale;

        Gateway(String id, Instant firstSeen) {
            this.id = id;
            this.firstSeen = firstSeen;
        }
    }

    synchronized void accept(GatewayEvent event, Instant receivedAt) {
        Gateway g = gateways.get(event.gatewayId());
        if (g == null) {
            if (gateways.size() >= maxGateways) {
                String eldest = gateways.keySet().iterator().next();
                gateways.remove(eldest);
            }
            g = new Gateway(event.gatewayId(), receivedAt);
            gateways.put(g.id, g);
        }
        g.lastEventAt = event.ts();
        switch (event.event()) {
            case HEARTBEAT -> {
                g.lastHeartbeat = event.ts();
                g.lastHeartbeatReceived = receivedAt;
            }
            case CONNECT -> {
                if (g.clients.size() < maxClients) {
                    g.clients.add(event.clientId());
                }
            }
            case DISCONNECT -> g.clients.remove(event.clientId());
        }
    }

    /** Every gateway as of {@code now}, and the gateways that turned stale or live since the previous call. */
    synchronized Reading read(Instant now) {
        List<GatewayView> views = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Gateway g : gateways.values()) {
            Instant reference = g.lastHeartbeatReceived == null ? g.firstSeen : g.lastHeartbeatReceived;
            Duration age = Duration.between(reference, now);
            boolean stale = age.compareTo(timeout) > 0;
            if (stale != g.stale) {
                g.stale = stale;
                changes.add(new Change(g.id, stale, g.lastHeartbeat));
            }
            List<String> ids = g.clients.stream().limit(GatewayView.MAX_CLIENT_IDS).toList();
            views.add(new GatewayView(g.id, g.clients.size(), ids, g.lastHeartbeat, g.lastEventAt,
                    g.lastHeartbeatReceived == null ? null : Math.max(0, age.toMillis()) / 1000.0, stale));
        }
        views.sort(Comparator.comparing(GatewayView::gatewayId));
        return new Reading(views, changes);
    }

    record Reading(List<GatewayView> gateways, List<Change> changes) {
    }

    /** A gateway that went stale ({@code stale}) or was heard again. */
    record Change(String gatewayId, boolean stale, Instant lastHeartbeat) {
    }
}
