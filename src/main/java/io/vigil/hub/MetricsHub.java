package io.vigil.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.lifecycle.Started;
import io.vigil.log.Failures;
import io.vigil.log.LogSafe;

/**
 * The one meeting point of sources and consumers. It subscribes to every enabled {@link MetricSource}, merges their
 * streams, keeps the latest update and status per source and the history of every series, and re-publishes all of
 * it to consumers through {@link #messages()}.
 */
@ApplicationScoped
public class MetricsHub {

    private static final Logger LOG = Logger.getLogger(MetricsHub.class);

    private final Instance<MetricSource> sources;
    private final HubConfig config;
    private final HistoryStore history;
    private final Clock clock = Clock.systemUTC();
    private final Instant startedAt = clock.instant();
    private final Map<String, SourceUpdate> latest = new ConcurrentHashMap<>();
    /** Source name to optional; replaced whole once at start, as requests may read it while the hub starts. */
    private volatile Map<String, Boolean> registered = Map.of();
    private final BroadcastProcessor<HubMessage> out = BroadcastProcessor.create();
    private final AtomicLong droppedForSlowConsumers = new AtomicLong();
    private final AtomicLong conflatedForSlowConsumers = new AtomicLong();
    private final SourceStatusBoard board;
    private volatile Cancellable subscription;
    /** Set once every source is registered: before that, {@link #hasSource} knows none. */
    private volatile boolean started;

    public MetricsHub(Instance<MetricSource> sources, HubConfig config, HistoryStore history) {
        this.sources = sources;
        this.config = config;
        this.history = history;
        this.board = new SourceStatusBoard(clock, this::publishStatusChange);
    }

    void start(@Observes @Priority(1500) Started event) {
        List<Multi<SourceUpdate>> streams = new ArrayList<>();
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (MetricSource source : sources) {
            names.put(source.name(), source.optional());
            if (!source.enabled()) {
                board.register(SourceHealth.disabled(source.name(), source.optional(), clock.instant()));
                continue;
            }
            board.register(SourceHealth.starting(source.name(), source.optional(), clock.instant()));
            streams.add(supervised(source));
        }
        registered = Collections.unmodifiableMap(names);
        started = true;
        LOG.infof("Hub started with sources %s", registered.keySet());
        if (!streams.isEmpty()) {
            subscription = Multi.createBy().merging().streams(streams)
                    .subscribe().with(this::accept, failure -> LOG.error("The merged stream failed", LogSafe.escape(failure)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
        out.onComplete();
    }

    /** A source's stream that never ends: failures mark it DOWN and it is subscribed again after a back-off. */
    private Multi<SourceUpdate> supervised(MetricSource source) {
        Backoff backoff = new Backoff(config.backoffMin(), config.backoffMax(), config.backoffJitter());
        return Multi.createFrom().deferred(source::stream)
                .onCompletion().failWith(() -> new IllegalStateException("stream of " + source.name() + " ended"))
                .onItem().invoke(item -> backoff.reset())
                .onFailure().invoke(failure -> {
                    String error = Failures.describe(failure);
                    LOG.warnf("Source %s failed: %s", source.name(), LogSafe.escape(error));
                    board.failed(source.name(), error);
                })
                .onFailure().retry().when(failures -> failures
                        .onItem()
                        .transformToUniAndConcatenate(f -> Uni.createFrom().item(f).onItem().delayIt().by(backoff.next())));
    }

    private void accept(SourceUpdate update) {
        latest.put(update.source(), update);
        history.record(update.source(), update.samples(), clock.instant());
        board.succeeded(update.source(), update.status(), update.detail());
        publish(new HubMessage.Update(update));
        update.events().forEach(e -> publish(new HubMessage.Event(e)));
    }

    private void publishStatusChange(HubMessage.StatusChange change) {
        LOG.infof("Source %s: %s -> %s%s", change.health().source(), change.previous(), change.health().status(),
                change.health().lastError() == null || change.health().status() != SourceStatus.DOWN
                        ? ""
                        : " (" + LogSafe.escape(change.health().lastError()) + ")");
        publish(change);
    }

    /** Publishes an event from outside the sources (alerts, scheduler) to every consumer. */
    public void publish(StreamEvent event) {
        publish(new HubMessage.Event(event));
    }

    /** Sources fail on their own threads while updates flow: the processor needs its signals one at a time. */
    private synchronized void publish(HubMessage message) {
        out.onNext(message);
    }

    /**
     * Everything the hub publishes from now on, for one subscriber, conflated: a slow subscriber gets the latest
     * update and status per source and a bounded number of events, never an unbounded queue.
     */
    public Multi<HubMessage> messages() {
        return conflated(out, HubMessage::conflationKey);
    }

    /** The hub's conflation policy applied to a stream derived from {@link #messages()} (e.g. already encoded). */
    public <T> Multi<T> conflated(Multi<T> upstream, java.util.function.Function<T, Object> keyOf) {
        return Conflation.latestByKey(upstream, keyOf, config.maxPendingPerConsumer(), droppedForSlowConsumers,
                conflatedForSlowConsumers);
    }

    public Optional<SourceUpdate> latest(String source) {
        return Optional.ofNullable(latest.get(source));
    }

    public Map<String, SourceUpdate> latest() {
        return Map.copyOf(latest);
    }

    /** Whether the sources are registered, so that {@link #hasSource} answers. */
    public boolean started() {
        return started;
    }

    public boolean hasSource(String name) {
        return registered.containsKey(name);
    }

    public List<String> sourceNames() {
        return List.copyOf(registered.keySet());
    }

    public Optional<SourceHealth> health(String source) {
        return board.get(source);
    }

    public List<SourceHealth> health() {
        return board.all();
    }

    public HistoryStore history() {
        return history;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** A consumer outside the hub's own conflation (the WebSocket outboxes) dropped a message it was behind on. */
    public void countDroppedForSlowConsumer() {
        droppedForSlowConsumers.incrementAndGet();
    }

    /** The same consumer replaced a pending message by a newer one with the same key. */
    public void countConflatedForSlowConsumer() {
        conflatedForSlowConsumers.incrementAndGet();
    }

    public long droppedForSlowConsumers() {
        return droppedForSlowConsumers.get();
    }

    /** Updates a slow consumer never saw because a newer one of the same source replaced them. */
    public long conflatedForSlowConsumers() {
        return conflatedForSlowConsumers.get();
    }

}
