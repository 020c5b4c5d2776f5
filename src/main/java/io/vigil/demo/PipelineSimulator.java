package io.vigil.demo;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.quarkus.scheduler.Scheduled;
import io.vigil.log.LogSafe;
import io.vigil.source.pipelines.PipelinesConfig;

/**
 * Pretend pipeline back end for the demo: workers that take tasks from their work queues and publish results
 * (realistic latencies, about 3 % errors), gateways whose clients come and go and which send heartbeats, and a server
 * manager saving actions. Now and then the workers stall and a backlog builds up, then drains ({@link PipelineWorkers}),
 * so the backlog chart and its alert rule have something to show. Everything goes through the broker, to the exchanges (or queues) the pipelines source is
 * configured to read, which the simulator declares when they do not exist; the source reads it like production data.
 * When the broker is unreachable it logs that once, stays quiet, and tries again every {@code vigil.demo.pipelines.retry}.
 */
@ApplicationScoped
public class PipelineSimulator {

    private static final Logger LOG = Logger.getLogger(PipelineSimulator.class);
    static final double ERROR_RATE = 0.03;
    static final int HEARTBEAT_EVERY = 5;
    static final int ACTION_EVERY = 10;
    /** Queues the simulator has to create itself stay small: nothing in the demo may grow without bound. */
    static final int QUEUE_MAX_LENGTH = 1_000;
    private static final List<String> GATEWAYS = List.of("gw-demo-1", "gw-demo-2");
    private static final Map<String, List<String>> ERRORS = Map.of(
            "face", List.of("no face detected", "image decode failed", "model timeout"),
            "phone", List.of("number not recognised", "carrier lookup timeout"));

    private final PipelinesConfig pipelines;
    private final PipelineSimulatorConfig config;
    private final Clock clock = Clock.systemUTC();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Set<String>> gatewayClients = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private Connection connection;
    private Channel channel;
    private Instant nextAttempt = Instant.MIN;
    private boolean unreachableLogged;
    private long ticks;
    private final Map<String, PipelineWorkers> workers = new HashMap<>();
    private final Map<String, Deque<Instant>> pending = new HashMap<>();
    private int nextClient = 1;

    public PipelineSimulator(PipelinesConfig pipelines, PipelineSimulatorConfig config) {
        this.pipelines = pipelines;
        this.config = config;
        GATEWAYS.forEach(g -> gatewayClients.put(g, new TreeSet<>()));
    }

    @Scheduled(every = "${vigil.demo.pipelines.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = LabSimulator.DemoOff.class)
    void tick() {
        Instant now = clock.instant();
        if (channel == null && (now.isBefore(nextAttempt) || !connect(now))) {
            return;
        }
        try {
            step(now);
        } catch (IOException | RuntimeException e) {
            lost(now, e);
        }
    }

    private boolean connect(Instant now) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(pipelines.url());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout((int) pipelines.connectionTimeout().toMillis());
            connection = factory.newConnection("vigil demo pipeline simulator");
            channel = connection.createChannel();
        } catch (Exception e) {
            lost(now, e);
            return false;
        }
        declared.clear();
        LOG.infof("Demo pipeline simulator publishes to RabbitMQ at %s every %s%s", display(factory), config.tick(),
                unreachableLogged ? " again" : "");
        unreachableLogged = false;
        return true;
    }

    private void lost(Instant now, Exception e) {
        close();
        nextAttempt = now.plus(config.retry());
        if (!unreachableLogged) {
            LOG.warnf("Demo pipeline simulator cannot reach RabbitMQ (%s); it stays quiet and tries again every %s",
                    LogSafe.escape(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), config.retry());
            unreachableLogged = true;
        }
    }

    private void step(Instant now) throws IOException {
        ticks++;
        for (Map.Entry<String, PipelinesConfig.Results> p : pipelines.results().entrySet()) {
            if (p.getValue().enabled()) {
                work(p.getKey(), p.getValue(), now);
            }
        }
        gateways(now);
        if (ticks % ACTION_EVERY == 0) {
            savedAction(now);
        }
    }

    /**
     * One pipeline's tick: tasks arrive on its work queue, its workers take some and publish their results. Without a
     * work queue the tasks wait in memory instead, so a stall still shows, as results that come late.
     */
    private void work(String pipeline, PipelinesConfig.Results results, Instant now) throws IOException {
        Optional<String> workQueue = results.workQueues().flatMap(q -> q.stream().findFirst());
        PipelineWorkers workers = workersOf(pipeline);
        int arrivals = workers.arrivals();
        int capacity = workers.capacity(now);
        if (workers.stallBegins(now)) {
            LOG.infof("Demo pipeline %s: its workers stall for %s (a GPU node restarting); its backlog builds up, then drains",
                    pipeline, config.stall().duration());
        }
        List<Instant> ingested = new ArrayList<>();
        if (workQueue.isPresent()) {
            String queue = workQueue.get();
            ensureQueue(queue);
            for (int i = 0; i < arrivals; i++) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("request_id", UUID.randomUUID().toString());
                task.put("ingest_ts", now.minusMillis(random.nextInt(50)).toString());
                channel.basicPublish("", queue, null, bytes(task));
            }
            for (int i = 0; i < capacity; i++) {
                GetResponse task = channel.basicGet(queue, true);
                if (task == null) {
                    workers.drained();
                    break;
                }
                ingested.add(ingestOf(task.getBody(), now));
            }
        } else {
            Deque<Instant> waiting = pending.computeIfAbsent(pipeline, p -> new ArrayDeque<>());
            for (int i = 0; i < arrivals && waiting.size() < QUEUE_MAX_LENGTH; i++) {
                waiting.addLast(now);
            }
            for (int i = 0; i < capacity && !waiting.isEmpty(); i++) {
                ingested.add(waiting.pollFirst());
            }
            if (waiting.isEmpty()) {
                workers.drained();
            }
        }
        for (Instant ingest : ingested) {
            Duration processing = processingTime(pipeline);
            Instant processed = ingest.plus(processing).isAfter(now) ? ingest.plus(processing) : now;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pipeline", pipeline);
            result.put("request_id", UUID.randomUUID().toString());
            boolean failed = random.nextDouble() < ERROR_RATE;
            result.put("status", failed ? "error" : "success");
            result.put("ingest_ts", ingest.toString());
            result.put("processed_ts", processed.toString());
            result.put("client_id", someClient().orElse("client-000"));
            if (failed) {
                List<String> errors = ERRORS.getOrDefault(pipeline, List.of("processing failed"));
                result.put("error", errors.get(random.nextInt(errors.size())));
            }
            publish(results, pipeline, result);
        }
    }

    /** Log-normal around a median per pipeline, with a rare slow outlier: what a GPU model behind a queue looks like. */
    private Duration processingTime(String pipeline) {
        double median = switch (pipeline) {
            case "face" -> 180;
            case "phone" -> 90;
            default -> 120;
        };
        double ms = Math.exp(Math.log(median) + 0.45 * random.nextGaussian());
        if (random.nextDouble() < 0.01) {
            ms *= 6;
        }
        return Duration.ofMillis(Math.max(1, Math.round(ms)));
    }

    private void gateways(Instant now) throws IOException {
        String gateway = GATEWAYS.get(random.nextInt(GATEWAYS.size()));
        Set<String> clients = gatewayClients.get(gateway);
        if (clients.size() < 12 && random.nextDouble() < 0.35) {
            String client = String.format("client-%03d", nextClient++ % 1000);
            clients.add(client);
            gatewayEvent(gateway, "connect", client, now);
        } else if (!clients.isEmpty() && random.nextDouble() < 0.2) {
            String client = clients.stream().skip(random.nextInt(clients.size())).findFirst().orElseThrow();
            clients.remove(client);
            gatewayEvent(gateway, "disconnect", client, now);
        }
        if (ticks % HEARTBEAT_EVERY == 1) {
            for (String g : GATEWAYS) {
                gatewayEvent(g, "heartbeat", null, now);
            }
        }
    }

    private void gatewayEvent(String gateway, String event, String client, Instant now) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gateway_id", gateway);
        m.put("event", event);
        m.put("client_id", client);
        m.put("ts", now.toString());
        publish(pipelines.gatewayEvents(), "gateway." + gateway, m);
    }

    private void savedAction(Instant now) throws IOException {
        String action = List.of("pause", "block", "deactivate", "resume", "unblock").get(random.nextInt(5));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("client_id", someClient().orElse("client-000"));
        m.put("actor", random.nextDouble() < 0.7 ? "operator" : "auto-moderation");
        m.put("outcome", random.nextDouble() < 0.92 ? "applied" : "failed: client not found");
        m.put("ts", now.toString());
        publish(pipelines.savedActions(), "actions." + action, m);
    }

    /** To the stream's exchange (declared as a topic exchange if missing), or straight to its queue when it has none. */
    private void publish(PipelinesConfig.Stream stream, String routingKey, Map<String, Object> message) throws IOException {
        Optional<String> exchange = stream.exchange().map(String::trim).filter(x -> !x.isEmpty() && !x.equals("amq.default"));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
        if (exchange.isPresent()) {
            ensureExchange(exchange.get());
            channel.basicPublish(exchange.get(), routingKey, properties, bytes(message));
        } else if (stream.queue().isPresent()) {
            ensureQueue(stream.queue().get());
            channel.basicPublish("", stream.queue().get(), properties, bytes(message));
        }
    }

    private void ensureExchange(String exchange) throws IOException {
        if (declared.add("exchange:" + exchange) && !exists(ch -> ch.exchangeDeclarePassive(exchange))) {
            channel.exchangeDeclare(exchange, "topic", true);
        }
    }

    private void ensureQueue(String queue) throws IOException {
        if (declared.add("queue:" + queue) && !exists(ch -> ch.queueDeclarePassive(queue))) {
            channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", QUEUE_MAX_LENGTH));
        }
    }

    private interface PassiveDeclare {

        void on(Channel channel) throws IOException;
    }

    /** A passive declare on a channel of its own: a 404 closes that channel, not the one publishing. */
    private boolean exists(PassiveDeclare declare) throws IOException {
        Channel probe = connection.createChannel();
        try {
            declare.on(probe);
            return true;
        } catch (IOException e) {
            if (!connection.isOpen()) {
                throw e;
            }
            return false;
        } finally {
            if (probe.isOpen()) {
                try {
                    probe.close();
                } catch (TimeoutException | IOException e) {
                    LOG.debugf("Closing a probe channel failed: %s", LogSafe.escape(e.getMessage()));
                }
            }
        }
    }

    private PipelineWorkers workersOf(String pipeline) {
        return workers.computeIfAbsent(pipeline, p -> new PipelineWorkers(config.stall(), random));
    }

    private Optional<String> someClient() {
        List<String> all = gatewayClients.values().stream().flatMap(Set::stream).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(random.nextInt(all.size())));
    }

    private Instant ingestOf(byte[] task, Instant fallback) {
        try {
            JsonNode node = json.readTree(task);
            return Instant.parse(node.path("ingest_ts").asText());
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private byte[] bytes(Map<String, Object> message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a demo message", e);
        }
    }

    private static String display(ConnectionFactory f) {
        return "amqp://" + f.getHost() + ":" + f.getPort() + "/" + URLEncoder.encode(f.getVirtualHost(), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.abort(2_000);
        }
        connection = null;
        channel = null;
    }
}
