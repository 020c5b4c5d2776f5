package io.vigil.source.pipelines;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The pipelines source: pipeline results, gateway events and saved actions read from RabbitMQ through queues Vigil
 * owns, and queue depths from passive declares and the management API.
 */
@ConfigMapping(prefix = "vigil.pipelines")
public interface PipelinesConfig {

    /** Whether RabbitMQ is watched at all. */
    boolean enabled();

    /** Whether Vigil stays ready while the broker is unreachable (an optional source does not fail readiness). */
    boolean optional();

    /** The broker as an AMQP URI with credentials and virtual host, e.g. {@code amqp://user:pass@host:5672/%2F}. */
    String url();

    /** Longest wait for the TCP connection and the AMQP handshake. */
    Duration connectionTimeout();

    /** AMQP heartbeat: a connection that stays silent for a few of these is taken as lost (a closed socket at once). */
    Duration heartbeat();

    /** Time between two updates to the hub; messages are accumulated in between, never emitted one by one. */
    Duration interval();

    /** Time between two readings of queue depths (passive declares, management API) and retries of waiting streams. */
    Duration queuePollInterval();

    /** Unacknowledged messages the broker may push to each of Vigil's consumers. */
    int prefetch();

    /** A message body larger than this is rejected unread ({@code pipelines.rejected{reason="too_large"}}). */
    int maxMessageBytes();

    /**
     * Most messages Vigil's own queues hold while it lags or reconnects; beyond, the oldest are dropped (x-overflow
     * drop-head), never the producers'.
     */
    int queueMaxLength();

    /** How long Vigil's own queues outlive its connection (x-expires): a reconnect within this loses no message. */
    @WithDefault("10m")
    Duration queueExpires();

    /**
     * Names Vigil's own queues ({@code vigil.<stream>.<instance-id>}); one per Vigil instance. By default a random id
     * per process; set it so a restarted Vigil picks up the queues (and what they kept) of the one before.
     */
    Optional<String> instanceId();

    /** The sliding window over which rate, error ratio and latency percentiles are taken. */
    Duration window();

    /** Slices the window is kept in; the window moves forward one slice at a time. */
    int windowBuckets();

    /** A gateway whose heartbeat Vigil has not received for this long is stale. */
    Duration gatewayTimeout();

    /** How many of the latest saved actions are kept (GET /api/v1/actions). */
    int recentActions();

    /** Rejected messages are logged at most once per this interval. */
    Duration rejectLogInterval();

    /** The RabbitMQ management API, read for queue-level streams. */
    Management management();

    /** Watched pipelines by name (the {@code pipeline} label), each with where its results are published. */
    Map<String, Results> results();

    /** Gateway events: heartbeats, client connects and disconnects. */
    Stream gatewayEvents();

    /** Actions the server manager saved (pause, block, deactivate, resume, unblock). */
    Stream savedActions();

    interface Management {

        /** Base URL; by default {@code http://<AMQP host>:15672}. */
        Optional<String> url();

        /** User for the management API; by default the AMQP URI's. */
        Optional<String> username();

        /** Password for the management API; by default the AMQP URI's. */
        Optional<String> password();

        /** Longest wait for one management API answer. */
        Duration timeout();
    }

    /** Where a producer publishes one kind of message. */
    interface Stream {

        /**
         * The exchange the producer publishes to; Vigil binds a queue of its own to it. Absent, empty or
         * {@code amq.default} when the producer publishes straight to {@link #queue()} through the default exchange:
         * then Vigil does not consume and reads that queue's depth and rates from the management API (queue-level).
         */
        Optional<String> exchange();

        /** Binding keys of Vigil's queue on the exchange ({@code #} takes everything on a topic exchange). */
        @WithDefault("#")
        List<String> routingKeys();

        /** The producer's queue, read through the management API in queue-level mode. */
        Optional<String> queue();

        /** Name of Vigil's own queue (it must start with {@code vigil.}); by default {@code vigil.<stream>.<instance>}. */
        Optional<String> vigilQueue();
    }

    interface Results extends Stream {

        /** Whether this pipeline is watched. */
        @WithDefault("true")
        boolean enabled();

        /** The pipeline's work queues, whose depth is its backlog ({@code pipelines.backlog{pipeline,queue}}). */
        Optional<List<String>> workQueues();
    }
}
