package io.vigil.source.pipelines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;

/**
 * Turns a reading of the ledger and of the queues into the source's update: the snapshot, the samples (every series
 * keeps the same label names, as Prometheus requires) and the status. Pure: no broker, no clock.
 */
final class PipelinesUpdates {

    private PipelinesUpdates() {
    }

    static SourceUpdate build(String broker, List<StreamSpec> specs, Map<String, StreamState> states,
            PipelinesLedger.Reading ledger, QueueReadings queues, Instant now) {
        Map<String, PipelinesSnapshot.PipelineView> pipelines = new LinkedHashMap<>();
        List<PipelinesSnapshot.StreamView> streams = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        for (StreamSpec spec : specs) {
            StreamState state = state(spec, states, queues);
            QueueReadings.Managed managed = queues.queueLevel().get(spec.id());
            QueueStats stats = managed == null ? null : managed.stats();
            streams.add(new PipelinesSnapshot.StreamView(spec.id(), spec.mode(), state.state(), state.detail(),
                    spec.exchange().orElse(null), spec.exchange().isPresent() ? spec.routingKeys() : null,
                    spec.queueLevel() ? spec.queue() : spec.vigilQueue(), stats));
            samples.add(new Sample("pipelines.stream.up", Map.of("stream", spec.id()), state.healthy() ? 1 : 0, now));
            if (!state.healthy()) {
                problems.add(spec.id() + ": " + state.detail());
            } else if (state.detail() != null && state.isConsuming()) {
                notes.add(spec.id() + ": " + state.detail());
            } else if (spec.queueLevel()) {
                notes.add(spec.id() + " is queue-level: its producer publishes straight to queue '" + spec.queue()
                        + "' through the default exchange, so Vigil does not consume it and reads the queue's depth and"
                        + " rates from the management API");
            }
            if (stats != null) {
                Map<String, String> labels = Map.of("stream", spec.id(), "queue", spec.queue());
                samples.add(new Sample("pipelines.queue.messages", labels, stats.messages(), now));
                samples.add(new Sample("pipelines.queue.consumers", labels, stats.consumers(), now));
                samples.add(new Sample("pipelines.queue.publish_rate", labels, stats.publishRate(), now));
                samples.add(new Sample("pipelines.queue.deliver_rate", labels, stats.deliverRate(), now));
                samples.add(new Sample("pipelines.queue.ack_rate", labels, stats.ackRate(), now));
            }
            if (spec.kind() == StreamSpec.Kind.RESULTS) {
                List<Backlog> backlog = backlog(spec, queues, problems, samples, now);
                pipelines.put(spec.pipeline(), pipeline(spec, ledger.pipelines().get(spec.pipeline()), stats,
                        managed == null ? null : managed.error(), backlog, samples, now));
            }
        }

        ledger.rejected().forEach((reason, n) -> samples.add(new Sample("pipelines.rejected", Map.of("reason", reason), n, now)));
        int clients = 0;
        int stale = 0;
        for (GatewayView g : ledger.gateways()) {
            samples.add(new Sample("pipelines.gateway.clients", Map.of("gateway", g.gatewayId()), g.clients(), now));
            samples.add(new Sample("pipelines.gateway.stale", Map.of("gateway", g.gatewayId()), g.stale() ? 1 : 0, now));
            clients += g.clients();
            stale += g.stale() ? 1 : 0;
        }
        samples.add(Sample.of("pipelines.gateways.clients", clients, now));
        samples.add(Sample.of("pipelines.gateways.stale", stale, now));
        ledger.actionTotals()
                .forEach((action, n) -> samples.add(new Sample("pipelines.actions", Map.of("action", action), n, now)));
        samples.add(Sample.of("pipelines.events_dropped", ledger.droppedEvents(), now));

        PipelinesSnapshot snapshot = new PipelinesSnapshot(broker, pipelines, streams, ledger.gateways(),
                ledger.recentActions(), ledger.actionTotals(), ledger.rejected(), now);
        SourceUpdate update = new SourceUpdate(PipelinesLedger.SOURCE, now, snapshot, samples, ledger.events(),
                SourceStatus.UP, notes.isEmpty() ? null : String.join("; ", notes));
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(notes);
            return update.degraded(String.join("; ", all));
        }
        return update;
    }

    private static StreamState state(StreamSpec spec, Map<String, StreamState> states, QueueReadings queues) {
        if (spec.problem() != null) {
            return StreamState.misconfigured(spec.problem());
        }
        if (!spec.queueLevel()) {
            return states.getOrDefault(spec.id(), StreamState.waiting("starting"));
        }
        QueueReadings.Managed managed = queues.queueLevel().get(spec.id());
        if (managed != null && managed.error() != null) {
            return StreamState.waiting("queue-level, but " + managed.error());
        }
        return StreamState.queueLevel("producer publishes to queue '" + spec.queue() + "' through the default exchange;"
                + " figures from the management API");
    }

    private static List<Backlog> backlog(StreamSpec spec, QueueReadings queues, List<String> problems, List<Sample> samples,
            Instant now) {
        List<Backlog> out = new ArrayList<>();
        List<String> watched = new ArrayList<>();
        if (spec.queueLevel() && spec.queue() != null) {
            watched.add(spec.queue());
        }
        watched.addAll(spec.workQueues());
        for (String queue : watched) {
            Backlog b = queues.backlogs().get(queue);
            if (b == null) {
                continue; // not read yet
            }
            out.add(b);
            if (b.depth() != null) {
                samples.add(new Sample("pipelines.backlog", Map.of("pipeline", spec.pipeline(), "queue", queue), b.depth(), now));
            } else if (spec.workQueues().contains(queue)) {
                problems.add("backlog of " + spec.pipeline() + ": " + b.error());
            }
        }
        return out;
    }

    private static PipelinesSnapshot.PipelineView pipeline(StreamSpec spec, PipelineStats.PipelineFigures f, QueueStats stats,
            String error, List<Backlog> backlog, List<Sample> samples, Instant now) {
        Map<String, String> p = Map.of("pipeline", spec.pipeline());
        if (spec.queueLevel()) {
            if (stats != null) {
                samples.add(new Sample("pipelines.rate", p, stats.publishRate(), now));
            }
            return new PipelinesSnapshot.QueueLevel(spec.mode(), spec.queue(), stats == null ? null : stats.publishRate(),
                    stats, error, backlog);
        }
        samples.add(new Sample("pipelines.count", p, f.count(), now));
        samples.add(new Sample("pipelines.success", p, f.success(), now));
        samples.add(new Sample("pipelines.errors", p, f.errors(), now));
        samples.add(new Sample("pipelines.rate", p, f.ratePerSecond(), now));
        samples.add(new Sample("pipelines.error_ratio", p, f.errorRatio(), now));
        if (f.latencySeconds() != null) {
            samples.add(new Sample("pipelines.latency.p50", p, f.latencySeconds().p50(), now));
            samples.add(new Sample("pipelines.latency.p95", p, f.latencySeconds().p95(), now));
            samples.add(new Sample("pipelines.latency.p99", p, f.latencySeconds().p99(), now));
        }
        return new PipelinesSnapshot.Consumed(spec.mode(), spec.exchange().orElseThrow(), f.count(), f.success(), f.errors(),
                f.ratePerSecond(), f.errorRatio(), f.latencySeconds(), f.window(), f.lastResultAt(), backlog);
    }
}
