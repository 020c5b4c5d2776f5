package io.vigil.source.pipelines;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.vigil.log.LogSafe;

/**
 * Reads one stream through a queue Vigil owns: exclusive and auto-delete (it goes away with Vigil's connection), bound
 * to the exchange the producer publishes to, capped in length, with a low prefetch and a manual ack once the message
 * is accounted for. The producer's own queues and their workers are never touched. On a channel of its own, so a
 * missing exchange or a deleted queue stops only this stream; {@link #ensure()} starts it again.
 */
final class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);

    private final Connection connection;
    private final StreamSpec spec;
    private final int prefetch;
    private final int maxLength;
    private final BiConsumer<StreamSpec, byte[]> accounting;
    private final ThrottledLog accountingFailures;
    private final ThrottledLog ackFailures;
    private volatile Channel channel;
    private volatile StreamState state;

    StreamConsumer(Connection connection, StreamSpec spec, int prefetch, int maxLength,
            BiConsumer<StreamSpec, byte[]> accounting, Duration logInterval) {
        this.connection = connection;
        this.spec = spec;
        this.prefetch = prefetch;
        this.maxLength = maxLength;
        this.accounting = accounting;
        this.accountingFailures = new ThrottledLog(Clock.systemUTC(), logInterval, "failed", LOG::error);
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
            ch.basicQos(prefetch);
            ch.queueDeclare(spec.vigilQueue(), false, true, true, Map.of("x-max-length", maxLength));
            for (String key : spec.routingKeys()) {
                ch.queueBind(spec.vigilQueue(), exchange, key);
            }
            Channel consuming = ch;
            ch.addShutdownListener(signal -> {
                if (!signal.isInitiatedByApplication() && !signal.isHardError()) {
                    state = StreamState.waiting("the broker closed Vigil's channel: " + Amqp.describe(signal));
                }
            });
            ch.basicConsume(spec.vigilQueue(), false, "vigil." + spec.id(), new Accounting(consuming));
            channel = ch;
            state = StreamState.consuming();
            LOG.debugf("Consuming %s from %s bound to %s %s", spec.id(), spec.vigilQueue(), exchange, spec.routingKeys());
        } catch (IOException | RuntimeException e) {
            state = StreamState.waiting("cannot read " + spec.id() + " through '" + spec.vigilQueue() + "': " + Amqp.describe(e));
        } finally {
            if (ch != null && ch != channel) {
                Amqp.closeQuietly(ch);
            }
        }
    }

    /** Accounts for each delivery, then acks it: a message that does not parse is acked too, and counted. */
    private final class Accounting extends DefaultConsumer {

        Accounting(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            try {
                accounting.accept(spec, body);
            } catch (RuntimeException e) {
                accountingFailures.log(() -> "Accounting a message of " + spec.id() + " failed (" + LogSafe.escape((Object) e)
                        + "); it is acked and skipped");
            }
            try {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | RuntimeException e) {
                ackFailures.log(() -> "Ack on " + spec.id() + " failed: " + LogSafe.escape(e.getMessage()));
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            state = StreamState.waiting("Vigil's queue '" + spec.vigilQueue() + "' was deleted on the broker; it is declared again");
            Amqp.closeQuietly(getChannel());
        }
    }
}
