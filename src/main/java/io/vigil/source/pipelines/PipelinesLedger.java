package io.vigil.source.pipelines;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.hub.StreamEvent;
import io.vigil.hub.view.ActionsView;
import io.vigil.hub.view.SavedAction;

/**
 * Everything the consumers have seen, accounted as it arrives: per pipeline stats, gateway sessions, the latest saved
 * actions and the rejected messages. Consumer threads write through {@link #accept}; the source reads a consistent
 * picture once per interval through {@link #read}. It outlives connections, so a reconnect does not blank the figures.
 */
final class PipelinesLedger {

    static final String SOURCE = ActionsView.SOURCE;
    /** Events (saved actions) kept for the next update; beyond this they are dropped, and counted. */
    static final int MAX_PENDING_EVENTS = 256;
    /** Gateways and clients per gateway kept in memory (and as series); beyond, the least recently heard go first. */
    static final int MAX_GATEWAYS = 100;
    static final int MAX_CLIENTS_PER_GATEWAY = 10_000;

    private final Clock clock;
    private final PayloadParser parser;
    private final Map<String, PipelineStats> pipelines = new LinkedHashMap<>();
    private final GatewaySessions gateways;
    private final RecentActions actions;
    private final Rejections rejections;
    private final Queue<StreamEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final RecentDeliveries deliveries;
    private final ThrottledLog duplicateLog;

    PipelinesLedger(PipelinesConfig config, Collection<String> pipelineNames, Clock clock, Consumer<String> log) {
        this.clock = clock;
        this.parser = new PayloadParser(new ObjectMapper(), config.maxMessageBytes());
        Instant now = clock.instant();
        pipelineNames.forEach(p -> pipelines.put(p, new PipelineStats(config.window(), config.windowBuckets(), now)));
        this.gateways = new GatewaySessions(config.gatewayTimeout(), MAX_GATEWAYS, MAX_CLIENTS_PER_GATEWAY);
        this.actions = new RecentActions(config.recentActions());
        this.rejections = new Rejections(clock, config.rejectLogInterval(), log);
        this.deliveries = new RecentDeliveries(Math.max(256, 4 * config.prefetch()));
        this.duplicateLog = new ThrottledLog(clock, config.rejectLogInterval(), "skipped", log);
    }

    /**
     * Accounts for one message; never throws: a message that does not parse is counted as rejected. A redelivered
     * message already accounted for (its ack was lost with the connection) is skipped and counted as a duplicate.
     */
    void accept(StreamSpec stream, byte[] body, boolean redelivered) {
        if (!deliveries.firstTime(stream.id(), body, redelivered)) {
            long n = duplicates.incrementAndGet();
            duplicateLog.log(() -> "Skipped a message of " + stream.id() + " delivered again after a reconnect and already"
                    + " accounted for (" + n + " since Vigil started)");
            return;
        }
        Instant now = clock.instant();
        try {
            switch (stream.kind()) {
                case RESULTS -> pipelines.get(stream.pipeline()).record(parser.result(body), now);
                case GATEWAY_EVENTS -> gateways.accept(parser.gatewayEvent(body, now), now);
                case SAVED_ACTIONS -> {
                    SavedAction action = parser.savedAction(body, now);
                    actions.add(action);
                    event("ACTION_SAVED", actionAttributes(action), now);
                }
            }
        } catch (MessageRejected rejected) {
            rejections.reject(stream.id(), rejected);
        }
    }

    Reading read(Instant now) {
        Map<String, PipelineStats.PipelineFigures> figures = new LinkedHashMap<>();
        pipelines.forEach((name, stats) -> figures.put(name, stats.read(now)));
        GatewaySessions.Reading g = gateways.read(now);
        List<StreamEvent> events = new ArrayList<>();
        for (GatewaySessions.Change change : g.changes()) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("gateway_id", change.gatewayId());
            attributes.put("last_heartbeat", change.lastHeartbeat());
            events.add(new StreamEvent(SOURCE, change.stale() ? "GATEWAY_STALE" : "GATEWAY_LIVE", attributes, now));
        }
        StreamEvent e;
        while ((e = pendingEvents.poll()) != null) {
            pendingCount.decrementAndGet();
            events.add(e);
        }
        return new Reading(figures, g.gateways(), actions.newestFirst(), actions.totals(), rejections.counts(),
                droppedEvents.get(), events);
    }

    private void event(String type, Map<String, Object> attributes, Instant now) {
        if (pendingCount.incrementAndGet() > MAX_PENDING_EVENTS) {
            pendingCount.decrementAndGet();
            droppedEvents.incrementAndGet();
            return;
        }
        pendingEvents.add(new StreamEvent(SOURCE, type, attributes, now));
    }

    private static Map<String, Object> actionAttributes(SavedAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.action());
        m.put("client_id", a.clientId());
        m.put("actor", a.actor());
        m.put("outcome", a.outcome());
        m.put("ts", a.ts());
        return m;
    }

    /** One consistent picture of the ledger. */
    record Reading(Map<String, PipelineStats.PipelineFigures> pipelines, List<GatewayView> gateways,
            List<SavedAction> recentActions, Map<String, Long> actionTotals, Map<String, Long> rejected,
            long droppedEvents, List<StreamEvent> events) {
    }
}
