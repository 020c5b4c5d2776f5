package io.vigil.source.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One stream Vigil reads, resolved from configuration: what it carries, where it is published, and the queue Vigil
 * reads it from. {@code exchange} is empty for a queue-level stream (the producer publishes straight to
 * {@code queue} through the default exchange); {@code problem} says why a stream cannot be read as configured.
 */
record StreamSpec(String id, Kind kind, String pipeline, Optional<String> exchange, List<String> routingKeys,
        String queue, String vigilQueue, List<String> workQueues, String problem) {

    static final String DEFAULT_EXCHANGE = "amq.default";
    static final String OWN_QUEUE_PREFIX = "vigil.";

    enum Kind {
        RESULTS, GATEWAY_EVENTS, SAVED_ACTIONS
    }

    boolean queueLevel() {
        return exchange.isEmpty();
    }

    /** The stream's mode as shown in the snapshot. */
    String mode() {
        return queueLevel() ? "queue-level" : "consumer";
    }

    /** Every enabled stream in the configuration; {@code instance} makes Vigil's default queue names unique. */
    static List<StreamSpec> from(PipelinesConfig config, String instance) {
        List<StreamSpec> specs = new ArrayList<>();
        for (Map.Entry<String, PipelinesConfig.Results> e : new TreeMap<>(config.results()).entrySet()) {
            if (e.getValue().enabled()) {
                specs.add(of("results." + e.getKey(), Kind.RESULTS, e.getKey(), e.getValue(),
                        e.getValue().workQueues().orElse(List.of()), instance));
            }
        }
        specs.add(of("gateway_events", Kind.GATEWAY_EVENTS, null, config.gatewayEvents(), List.of(), instance));
        specs.add(of("saved_actions", Kind.SAVED_ACTIONS, null, config.savedActions(), List.of(), instance));
        return specs;
    }

    static StreamSpec of(String id, Kind kind, String pipeline, PipelinesConfig.Stream config, List<String> workQueues,
            String instance) {
        Optional<String> exchange = config.exchange().map(String::trim)
                .filter(x -> !x.isEmpty() && !x.equals(DEFAULT_EXCHANGE));
        String vigilQueue = config.vigilQueue().map(String::trim).orElse(OWN_QUEUE_PREFIX + id + "." + instance);
        String queue = config.queue().map(String::trim).orElse(null);
        String problem = null;
        if (exchange.isPresent() && !vigilQueue.startsWith(OWN_QUEUE_PREFIX)) {
            problem = "refusing to consume '" + vigilQueue + "': Vigil reads only queues of its own, named "
                    + OWN_QUEUE_PREFIX + "*";
        } else if (exchange.isEmpty() && queue == null) {
            problem = "no exchange and no queue configured: set the exchange the producer publishes to, or the queue it"
                    + " publishes to through the default exchange";
        }
        return new StreamSpec(id, kind, pipeline, exchange, List.copyOf(config.routingKeys()), queue, vigilQueue,
                List.copyOf(workQueues), problem);
    }
}
