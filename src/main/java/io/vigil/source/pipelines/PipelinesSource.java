package io.vigil.source.pipelines;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;

/**
 * Pipeline results, gateway events and saved actions from RabbitMQ. Each subscription connects afresh, starts a
 * consumer per stream on a queue Vigil owns, reads queue depths every {@code queue-poll-interval} and emits one update
 * every {@code interval} from what the consumers accounted for in between. The stream fails as soon as the connection
 * is lost; the hub marks the source DOWN and subscribes again with back-off. The figures live in a ledger that
 * outlives connections.
 */
@ApplicationScoped
public class PipelinesSource implements MetricSource {

    private static final Logger LOG = Logger.getLogger(PipelinesSource.class);

    private final PipelinesConfig config;
    private final Clock clock = Clock.systemUTC();
    private final PipelinesLedger ledger;
    private final List<String> pipelineNames;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    /** Names Vigil's queues: the same across reconnects, so a reconnect finds what its queues kept. */
    private final String instance;
    private final Set<String> consumedBefore = ConcurrentHashMap.newKeySet();
    /** The open session, for the last acks at shutdown. */
    private volatile BrokerSession current;

    public PipelinesSource(PipelinesConfig config) {
        this.config = config;
        this.pipelineNames = config.results().entrySet().stream()
                .filter(e -> e.getValue().enabled()).map(Map.Entry::getKey).sorted().toList();
        this.ledger = new PipelinesLedger(config, pipelineNames, clock, LOG::warn);
        this.instance = config.instanceId().map(String::trim).filter(id -> !id.isEmpty())
                .orElseGet(() -> HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        this.http = HttpClient.newBuilder().connectTimeout(config.management().timeout()).build();
    }

    @Override
    public String name() {
        return PipelinesLedger.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return config.optional();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        BrokerAddress broker = BrokerAddress.parse(config.url());
        List<StreamSpec> specs = StreamSpec.from(config, instance);
        ManagementApi management = new ManagementApi(http, json,
                config.management().url().orElse(broker.defaultManagementUrl()),
                config.management().username().orElse(broker.username()),
                config.management().password().orElse(broker.password()), broker.virtualHost(),
                config.management().timeout());
        return Multi.createFrom()
                .resourceFromUni(() -> connect(broker, specs), session -> readings(broker, specs, session, management))
                .withFinalizer(PipelinesSource::closeOnWorker);
    }

    /**
     * Acks what was accounted for before anything stops: the stream's own close runs later on a worker, which a
     * stopping Vigil may not wait for, and a restart would be handed those messages again and count them twice.
     */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        BrokerSession session = current;
        if (session != null) {
            session.flushAcks();
        }
    }

    /** Closing talks to the broker (or waits for it): never on the thread that cancelled or failed the stream. */
    private static Uni<Void> closeOnWorker(BrokerSession session) {
        return Uni.createFrom().voidItem().invoke(session::close).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<BrokerSession> connect(BrokerAddress broker, List<StreamSpec> specs) {
        return Uni.createFrom().item(() -> {
            try {
                BrokerSession session = BrokerSession.open(broker, config, specs, ledger::accept, consumedBefore);
                current = session;
                return session;
            } catch (Exception e) {
                throw new IllegalStateException("RabbitMQ at " + broker + " unreachable: " + Amqp.describe(e), e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Multi<SourceUpdate> readings(BrokerAddress broker, List<StreamSpec> specs, BrokerSession session,
            ManagementApi management) {
        AtomicReference<QueueReadings> queues = new AtomicReference<>(QueueReadings.NONE);
        Multi<SourceUpdate> lost = Multi.createFrom().emitter(emitter -> session.onLost(emitter::fail));
        Multi<SourceUpdate> upkeep = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(config.queuePollInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> readQueues(specs, session, management))
                .onItem().transformToMultiAndConcatenate(reading -> {
                    queues.set(reading);
                    return Multi.createFrom().<SourceUpdate>empty();
                });
        Multi<SourceUpdate> updates = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(100))
                .every(config.interval())
                .onOverflow().drop()
                .onItem().transform(tick -> update(broker, specs, session, queues.get()));
        return Multi.createBy().merging().streams(lost, upkeep, updates);
    }

    private SourceUpdate update(BrokerAddress broker, List<StreamSpec> specs, BrokerSession session, QueueReadings queues) {
        Instant now = clock.instant();
        Map<String, StreamState> states = new LinkedHashMap<>();
        session.consumers().forEach(c -> states.put(c.spec().id(), c.state()));
        return PipelinesUpdates.build(broker.display(), specs, states, ledger.read(now), queues, now);
    }

    /** Restarts waiting consumers and reads depths (blocking AMQP calls, on a worker) and the management API (async). */
    private Uni<QueueReadings> readQueues(List<StreamSpec> specs, BrokerSession session, ManagementApi management) {
        Uni<Map<String, Backlog>> depths = Uni.createFrom().item(() -> {
            session.ensureConsumers();
            session.flushAcks();
            Map<String, Backlog> out = new LinkedHashMap<>();
            specs.stream().flatMap(s -> s.workQueues().stream()).distinct().forEach(q -> out.put(q, session.depth(q)));
            return out;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());

        List<StreamSpec> queueLevel = specs.stream().filter(s -> s.queueLevel() && s.problem() == null).toList();
        List<Uni<QueueReadings.Managed>> managed = new ArrayList<>();
        for (StreamSpec spec : queueLevel) {
            managed.add(management.queue(spec.queue())
                    .map(stats -> new QueueReadings.Managed(stats, null))
                    .onFailure().recoverWithItem(e -> new QueueReadings.Managed(null, e.getMessage())));
        }
        Uni<List<QueueReadings.Managed>> all = managed.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(managed).andFailFast();
        return Uni.combine().all().unis(depths, all).with((backlogs, stats) -> {
            Map<String, Backlog> b = new LinkedHashMap<>(backlogs);
            Map<String, QueueReadings.Managed> m = new LinkedHashMap<>();
            for (int i = 0; i < queueLevel.size(); i++) {
                StreamSpec spec = queueLevel.get(i);
                QueueReadings.Managed reading = stats.get(i);
                m.put(spec.id(), reading);
                if (reading.stats() != null && spec.kind() == StreamSpec.Kind.RESULTS) {
                    b.put(spec.queue(), Backlog.of(spec.queue(), reading.stats().messagesReady(), reading.stats().consumers()));
                }
            }
            return new QueueReadings(b, m);
        });
    }
}
