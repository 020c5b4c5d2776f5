package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/** Against the RabbitMQ server the tests run beside: what the broker holds as unacked is what counts. */
class AckBatchTest {

    private Connection connection;
    private Channel admin;
    private final String queue = "test.ack-batch." + UUID.randomUUID();

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setPort(5672);
        connection = factory.newConnection("vigil ack batch test");
        admin = connection.createChannel();
        admin.queueDeclare(queue, false, false, false, Map.of());
    }

    @AfterEach
    void close() throws Exception {
        admin.queueDelete(queue);
        connection.close();
    }

    @Test
    void halfThePrefetchAtATimeAndAnAckEachForAPrefetchOfOne() {
        assertThat(AckBatch.batchSize(50)).isEqualTo(25);
        assertThat(AckBatch.batchSize(5)).isEqualTo(2);
        assertThat(AckBatch.batchSize(1)).isEqualTo(1);
        assertThat(AckBatch.batchSize(0)).isEqualTo(1);
        assertThat(AckBatch.batchSize(100_000)).isEqualTo(100);
    }

    @Test
    void deliveriesKeepComingWhileBatchesAreAckedAndTheRestWaitsForAFlush() throws Exception {
        publish(9);
        Channel ch = connection.createChannel();
        ch.basicQos(4);
        AckBatch acks = new AckBatch(ch, 4); // an ack every 2
        AtomicInteger delivered = consume(ch, acks);

        // With 4 unacked at most, all 9 only arrive if the batches were acked on the way.
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() == 9);
        assertThat(acks.waiting()).isEqualTo(1);
        assertThat(readyAfterClosing(ch)).as("the one not acked yet goes back to the queue").isEqualTo(1);
    }

    @Test
    void aFlushAcksTheLastPartialBatch() throws Exception {
        publish(9);
        Channel ch = connection.createChannel();
        ch.basicQos(4);
        AckBatch acks = new AckBatch(ch, 4);
        AtomicInteger delivered = consume(ch, acks);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() == 9);

        acks.flush();
        acks.flush(); // nothing left: acking a tag twice would close the channel
        ch.basicQos(4); // a call the broker answers: it would find the channel closed by a bad ack by then

        assertThat(acks.waiting()).isZero();
        assertThat(ch.isOpen()).isTrue();
        assertThat(readyAfterClosing(ch)).isZero();
    }

    private void publish(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            admin.basicPublish("", queue, null, ("m" + i).getBytes());
        }
    }

    private AtomicInteger consume(Channel ch, AckBatch acks) throws IOException {
        AtomicInteger delivered = new AtomicInteger();
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {

            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                acks.done(envelope.getDeliveryTag());
                delivered.incrementAndGet();
            }
        });
        return delivered;
    }

    /** Closing the channel hands its unacked messages back to the queue: what is ready then was never acked. */
    private int readyAfterClosing(Channel ch) throws Exception {
        ch.close();
        return admin.queueDeclarePassive(queue).getMessageCount();
    }
}
