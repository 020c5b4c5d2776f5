package io.vigil.source.pipelines;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * One connection to the broker and the consumers on it. A connection lost for any reason but Vigil closing it is
 * reported to {@link #onLost} listeners at once (the client's shutdown listener fires as the socket breaks or the
 * heartbeat is missed), so the source's stream can fail and the hub can mark it DOWN and reconnect. Every method
 * here blocks: call them on worker threads.
 */
final class BrokerSession implements AutoCloseable {

    private final Connection connection;
    private final BrokerAddress broker;
    private final List<StreamConsumer> consumers;
    private final List<Consumer<Throwable>> lostListeners = new CopyOnWriteArrayList<>();
    private volatile Throwable lost;

    private BrokerSession(Connection connection, BrokerAddress broker, List<StreamConsumer> consumers) {
        this.connection = connection;
        this.broker = broker;
        this.consumers = consumers;
    }

    static BrokerSession open(BrokerAddress broker, PipelinesConfig config, List<StreamSpec> streams,
            DeliveryAccounting accounting, Set<String> consumedBefore) throws IOException, TimeoutException {
        ConnectionFactory factory = broker.factory();
        factory.setConnectionTimeout(millis(config.connectionTimeout()));
        factory.setHandshakeTimeout(millis(config.connectionTimeout()));
        factory.setRequestedHeartbeat((int) Math.max(1, config.heartbeat().toSeconds()));
        factory.setExceptionHandler(new Amqp.QuietExceptionHandler());
        Connection connection = factory.newConnection("vigil pipelines source");
        List<StreamConsumer> consumers = streams.stream()
                .filter(s -> !s.queueLevel())
                .map(s -> new StreamConsumer(connection, s, config, accounting, consumedBefore))
                .toList();
        BrokerSession session = new BrokerSession(connection, broker, consumers);
        connection.addShutdownListener(session::shutdown);
        if (!connection.isOpen()) {
            session.shutdown(connection.getCloseReason());
        }
        session.ensureConsumers();
        return session;
    }

    private void shutdown(ShutdownSignalException signal) {
        if (signal == null || signal.isInitiatedByApplication()) {
            return;
        }
        Throwable failure = new IllegalStateException("RabbitMQ connection to " + broker + " lost: " + Amqp.describe(signal),
                signal);
        lost = failure;
        lostListeners.forEach(l -> l.accept(failure));
    }

    /** Calls {@code listener} once the connection is lost (at once if it already is). */
    void onLost(Consumer<Throwable> listener) {
        lostListeners.add(listener);
        Throwable already = lost;
        if (already != null) {
            listener.accept(already);
        }
    }

    /** Starts the consumers that are not consuming yet (an exchange that appeared, a queue that was deleted). */
    void ensureConsumers() {
        consumers.forEach(StreamConsumer::ensure);
    }

    /** Acks what the consumers are done with and have not acked yet (their last, partial batch). */
    void flushAcks() {
        if (connection.isOpen()) {
            consumers.forEach(StreamConsumer::flushAcks);
        }
    }

    List<StreamConsumer> consumers() {
        return consumers;
    }

    /** A queue's depth by passive declare, on a channel of its own: a missing queue closes only that channel. */
    Backlog depth(String queue) {
        Channel ch = null;
        try {
            ch = connection.createChannel();
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(queue);
            return Backlog.of(queue, ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException | RuntimeException e) {
            return Backlog.failed(queue, Amqp.replyCode(e) == 404
                    ? "queue '" + queue + "' does not exist"
                    : "cannot read queue '" + queue + "': " + Amqp.describe(e));
        } finally {
            Amqp.closeQuietly(ch);
        }
    }

    @Override
    public void close() {
        lostListeners.clear();
        flushAcks(); // so that a restart is not handed again what this run accounted for
        Amqp.abortQuietly(connection, 2_000);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
