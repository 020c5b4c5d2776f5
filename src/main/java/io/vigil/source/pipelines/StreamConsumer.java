package io.vigil.source.pipelines;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.vigil.log.LogSafe;

/**
 * Reads one stream through a queue Vigil owns, bound to the exchange the producer publishes to, with a low prefetch
 * and a manual ack once the message is accounted for (in batches: {@link AckBatch}). The queue is neither exclusive nor auto-delete: it outlives a
 * lost connection by {@code queue-expires} (RabbitMQ's x-expires), so results published while Vigil reconnects wait
 * for it, and it holds at most {@code queue-max-length} messages (x-overflow drop-head: the oldest go first), so a long
 * outage costs the broker a bounded amount; what it drops is dead-lettered to a queue beside it that Vigil only
 * counts, so on a reconnect the state says what the queue kept and how many it dropped. The producer's own queues and
 * their workers are never touched. On a channel of its own, so a missing exchange or a deleted queue stops only this
 * stream; {@link #ensure()} starts it again.
 */
final class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);

    private final Connection connection;
    private final StreamSpec spec;
    private final int prefetch;
    private final int maxLength;
    private final Duration expires;
    private final DeliveryAccounting accounting;
    private final Set<String> consumedBefore;
    private final ThrottledLog accountingFailures;
    private final ThrottledLog ackFailures;
    private final ThrottledLog dropLog;
    private final AtomicLong droppedTotal;
    private volatile Channel channel;
    private volatile AckBatch acks;
    private volatile StreamState state;

    /**
     * @param consumedBefore ids of the streams this process consumed on an earlier connection (shared, outliving
     *        connections): consuming one of them again is a reconnect
     */
    StreamConsumer(Connection connection, StreamSpec spec, PipelinesConfig config, DeliveryAccounting accounting,
            Set<String> consumedBefore) {
        this.connection = connection;
        this.spec = spec;
        this.prefetch = config.prefetch();
        this.maxLength = config.queueMaxLength();
        this.expires = config.queueExpires();
        this.accounting = accounting;
        this.consumedBefore = consumedBefore;
        Duration logInterval = config.rejectLogInterval();
        this.accountingFailures = new ThrottledLog(Clock.systemUTC(), logInterval, "failed", LOG::error);
        this.droppedTotal = new AtomicLong();
        this.dropLog = new ThrottledLog(Clock.systemUTC(), logInterval, "dropped", LOG::warn);
        this.ackFailures = new ThrottledLog(Clock.systemUTC(), logInterval, "failed", LOG::debug);
        this.state = spec.problem() != null ? StreamState.misconfigured(spec.problem()) : StreamState.waiting("starting");
    }

    StreamSpec spec() {
        return spec;
    }

    StreamState state() {
        return state;
    }

    /** Starts consuming unless it already does or cannot as configured. Blocking: call it on a worker thread. */
    synchronized void ensure() {
        if (spec.problem() != null || (state.isConsuming() && channel != null && channel.isOpen())) {
            return;
        }
        String exchange = spec.exchange().orElseThrow();
        Channel ch = null;
        try {
            ch = connection.createChannel();
            try {
                ch.exchangeDeclarePassive(exchange);
            } catch (IOException e) {
                state = StreamState.waiting(Amqp.replyCode(e) == 404
                        ? "exchange '" + exchange + "' does not exist yet; Vigil waits for the producer to declare it"
                        : "cannot check exchange '" + exchange + "': " + Amqp.describe(e));
                return;
            }
            Integer kept = waitingIn(spec.vigilQueue());
            Integer dropped = waitingIn(droppedQueue());
            ch.basicQos(prefetch);
            int expiresMs = (int) Math.min(Integer.MAX_VALUE, expires.toMillis());
            // What the full queue drops goes here (dead-lettered), only to be counted: the count is exact up to its
            // own limit, and the broker's cost stays bounded.
            ch.queueDeclare(droppedQueue(), true, false, false, Map.of("x-max-length", maxLength, "x-overflow", "drop-head",
                    "x-expires", expiresMs));
            boolean counting = true;
            try {
                ch.queueDeclare(spec.vigilQueue(), true, false, false, Map.of("x-max-length", maxLength,
                        "x-overflow", "drop-head", "x-expires", expiresMs, "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", droppedQueue()));
            } catch (IOException e) {
                if (Amqp.replyCode(e) != 406) {
                    throw e;
                }
                // Declared by an earlier Vigil with other arguments (the broker closed the channel): read it as it is
                // rather than lose what it kept.
                ch = connection.createChannel();
                ch.basicQos(prefetch);
                ch.queueDeclarePassive(spec.vigilQueue());
                counting = false;
            }
            for (String key : spec.routingKeys()) {
                ch.queueBind(spec.vigilQueue(), exchange, key);
            }
            Channel consuming = ch;
            AckBatch batch = new AckBatch(consuming, prefetch);
            ch.addShutdownListener(signal -> {
                if (!signal.isInitiatedByApplication() && !signal.isHardError()) {
                    state = StreamState.waiting("the broker closed Vigil's channel: " + Amqp.describe(signal));
                }
            });
            ch.basicConsume(spec.vigilQueue(), false, "vigil." + spec.id(), new Accounting(consuming, batch));
            ch.basicConsume(droppedQueue(), false, "vigil." + spec.id() + ".dropped", new DropCounter(consuming, batch));
            channel = ch;
            acks = batch;
            String resumed = resumption(kept, dropped, !consumedBefore.add(spec.id()));
            if (!counting) {
                resumed = (resumed == null ? "" : resumed + "; ") + "Vigil's queue '" + spec.vigilQueue() + "' was declared"
                        + " by an earlier version with other settings, so what it drops is not counted: delete it on the"
                        + " broker to have it declared anew";
            }
            if (resumed != null) {
                LOG.infof("%s: %s", spec.id(), resumed);
            }
            state = StreamState.consuming(resumed);
            LOG.debugf("Consuming %s from %s bound to %s %s", spec.id(), spec.vigilQueue(), exchange, spec.routingKeys());
        } catch (IOException | RuntimeException e) {
            state = StreamState.waiting("cannot read " + spec.id() + " through '" + spec.vigilQueue() + "': " + Amqp.describe(e));
        } finally {
            if (ch != null && ch != channel) {
                Amqp.closeQuietly(ch);
            }
        }
    }

    /** Messages waiting in the queue, or null when it does not exist (or cannot be read); on a channel of its own. */
    private Integer waitingIn(String queue) {
        Channel probe = null;
        try {
            probe = connection.createChannel();
            return probe.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            Amqp.closeQuietly(probe);
        }
    }

    /** Acks what was done with since the last batch went (a quiet stream's rest). Blocking: on a worker thread. */
    void flushAcks() {
        AckBatch batch = acks;
        if (batch == null) {
            return;
        }
        try {
            batch.flush();
        } catch (IOException | RuntimeException e) {
            ackFailures.log(() -> "Ack on " + spec.id() + " failed: " + LogSafe.escape(e.getMessage()));
        }
    }

    /** Where the messages Vigil's full queue drops are counted. */
    private String droppedQueue() {
        return spec.vigilQueue() + ".dropped";
    }

    /** Messages the full queue dropped (oldest first) since this stream was started: lag or outages. */
    long dropped() {
        return droppedTotal.get();
    }

    /** What a (re)start found in Vigil's queue, for the stream's state; null on a first start with a new queue. */
    private String resumption(Integer kept, Integer dropped, boolean reconnect) {
        String queue = "Vigil's queue '" + spec.vigilQueue() + "'";
        if (kept == null) {
            return !reconnect
                    ? null
                    : "reconnected at " + Instant.now() + "; " + queue + " was gone (Vigil was away longer"
                            + " than vigil.pipelines.queue-expires=" + expires + ", or it was deleted): messages published while"
                            + " Vigil was away were lost";
        }
        String text = (reconnect ? "reconnected at " + Instant.now() : "picked up at " + Instant.now())
                + "; " + queue + " kept " + kept + " message(s) published while Vigil was away";
        if (kept >= maxLength) {
            text += ", its limit (vigil.pipelines.queue-max-length=" + maxLength + ")";
        }
        if (dropped != null && dropped > 0) {
            text += "; " + (dropped >= maxLength ? "at least " : "") + dropped + " older message(s) were dropped";
        }
        return text;
    }

    /**
     * Accounts for each delivery, then acks it (in batches): a message that does not parse is acked too, and counted.
     */
    private final class Accounting extends DefaultConsumer {

        private final AckBatch acks;

        Accounting(Channel channel, AckBatch acks) {
            super(channel);
            this.acks = acks;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            try {
                accounting.accept(spec, body, envelope.isRedeliver());
            } catch (RuntimeException e) {
                accountingFailures.log(() -> "Accounting a message of " + spec.id() + " failed (" + LogSafe.escape((Object) e)
                        + "); it is acked and skipped");
            }
            try {
                acks.done(envelope.getDeliveryTag());
            } catch (IOException | RuntimeException e) {
                ackFailures.log(() -> "Ack on " + spec.id() + " failed: " + LogSafe.escape(e.getMessage()));
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            state = StreamState
                    .waiting("Vigil's queue '" + spec.vigilQueue() + "' was deleted on the broker; it is declared again");
            Amqp.closeQuietly(getChannel());
        }
    }

    /** Counts and acks what the full queue dropped; the message itself is not read. */
    private final class DropCounter extends DefaultConsumer {

        private final AckBatch acks;

        DropCounter(Channel channel, AckBatch acks) {
            super(channel);
            this.acks = acks;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            long total = droppedTotal.incrementAndGet();
            dropLog.log(
                    () -> spec.id() + ": Vigil's queue '" + spec.vigilQueue() + "' was full (vigil.pipelines.queue-max-length="
                            + maxLength + "); " + total + " message(s) dropped, oldest first, since Vigil connected");
            try {
                acks.done(envelope.getDeliveryTag());
            } catch (IOException | RuntimeException e) {
                ackFailures.log(() -> "Ack on " + droppedQueue() + " failed: " + LogSafe.escape(e.getMessage()));
            }
        }
    }
}
