package io.vigil.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real RabbitMQ on localhost:5672 for the tests, with names of their own (a random suffix, since other runs may
 * share the broker): a topic exchange per stream, the face pipeline's work queue, and the queue the phone pipeline
 * publishes to through the default exchange (queue-level). Vigil reaches the broker through a {@link TcpProxy}, so a
 * test can cut its connection for real; the tests themselves publish and inspect directly. Everything declared here
 * is deleted at the end.
 */
public class RabbitBroker implements QuarkusTestResourceLifecycleManager {

    static volatile RabbitBroker current;

    public final String id = UUID.randomUUID().toString().substring(0, 8);
    public final String faceExchange = "test.face_results." + id;
    public final String faceTasks = "test.face_tasks." + id;
    public final String phoneQueue = "test.phone_results." + id;
    public final String gatewayExchange = "test.gateway_events." + id;
    public final String actionsExchange = "test.saved_actions." + id;

    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private Connection connection;
    private TcpProxy proxy;

    public static RabbitBroker current() {
        RabbitBroker broker = current;
        if (broker == null) {
            throw new IllegalStateException("the RabbitMQ test resource was started in another class loader");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            connection = factory.newConnection("vigil tests");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not running on localhost:5672 (src/test/setup/services.sh starts it)",
                    e);
        }
        for (String exchange : List.of(faceExchange, gatewayExchange, actionsExchange)) {
            declareExchange(exchange);
        }
        declareQueue(faceTasks);
        declareQueue(phoneQueue);
        proxy = new TcpProxy("localhost", 5672);
        current = this;
        return Map.of(
                "vigil.pipelines.url", "amqp://guest:guest@127.0.0.1:" + proxy.port() + "/%2F",
                "vigil.pipelines.management.url", "http://localhost:15672",
                "vigil.pipelines.results.face.exchange", faceExchange,
                "vigil.pipelines.results.face.work-queues", faceTasks,
                "vigil.pipelines.results.phone.exchange", "amq.default",
                "vigil.pipelines.results.phone.queue", phoneQueue,
                "vigil.pipelines.gateway-events.exchange", gatewayExchange,
                "vigil.pipelines.saved-actions.exchange", actionsExchange);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        for (String queue : queues) {
            run(ch -> ch.queueDelete(queue));
        }
        for (String exchange : exchanges) {
            run(ch -> ch.exchangeDelete(exchange));
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    /** Closes Vigil's connection and refuses new ones, as a broker restart or a network outage would. */
    public void cutVigilOff() {
        proxy.cut();
    }

    public void letVigilBackIn() {
        proxy.restore();
    }

    public void declareExchange(String exchange) {
        run(ch -> ch.exchangeDeclare(exchange, "topic", false, false, null));
        exchanges.add(exchange);
    }

    public void declareQueue(String queue) {
        run(ch -> ch.queueDeclare(queue, false, false, false, null));
        queues.add(queue);
    }

    public void bind(String queue, String exchange, String key) {
        run(ch -> ch.queueBind(queue, exchange, key));
    }

    public void deleteQueue(String queue) {
        run(ch -> ch.queueDelete(queue));
        queues.remove(queue);
    }

    public void purge(String queue) {
        run(ch -> ch.queuePurge(queue));
    }

    public void publish(String exchange, String routingKey, String body) {
        publish(exchange, routingKey, body.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String exchange, String routingKey, byte[] body) {
        run(ch -> {
            ch.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().contentType("application/json").build(),
                    body);
            return null;
        });
    }

    /** Publishes straight to a queue through the default exchange. */
    public void publishToQueue(String queue, String body) {
        publish("", queue, body);
    }

    /** Ready messages and consumers of a queue, by passive declare. */
    public AMQP.Queue.DeclareOk inspect(String queue) {
        return run(ch -> ch.queueDeclarePassive(queue));
    }

    /** Takes one message off a queue as a worker would (auto-ack), or null when it is empty. */
    public String take(String queue) {
        GetResponse response = run(ch -> ch.basicGet(queue, true));
        return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
    }

    private interface ChannelWork<T> {

        T on(Channel channel) throws IOException;
    }

    private synchronized <T> T run(ChannelWork<T> work) {
        try (Channel ch = connection.createChannel()) {
            return work.on(ch);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ test operation failed: " + e.getMessage(), e);
        }
    }
}
