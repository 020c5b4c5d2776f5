package io.vigil.source.pipelines;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The broker from {@code vigil.pipelines.url}. {@link #toString()} and {@link #display()} never show the password.
 */
final class BrokerAddress {

    private final String uri;
    private final String host;
    private final int port;
    private final String virtualHost;
    private final String username;
    private final String password;
    private final boolean tls;

    private BrokerAddress(String uri, ConnectionFactory parsed) {
        this.uri = uri;
        this.host = parsed.getHost();
        this.port = parsed.getPort();
        this.virtualHost = parsed.getVirtualHost();
        this.username = parsed.getUsername();
        this.password = parsed.getPassword();
        this.tls = parsed.isSSL();
    }

    /** @throws IllegalArgumentException naming the key, without echoing credentials */
    static BrokerAddress parse(String uri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("vigil.pipelines.url is not an AMQP URI (amqp://user:password@host:5672/vhost)");
        }
        return new BrokerAddress(uri.trim(), factory);
    }

    /** A fresh factory for this broker: no automatic recovery, since a lost connection must fail the source's stream. */
    ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalStateException("vigil.pipelines.url is not an AMQP URI", e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    String host() {
        return host;
    }

    String virtualHost() {
        return virtualHost;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /** The management API on the broker's host, where RabbitMQ serves it by default. */
    String defaultManagementUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":15672";
    }

    String display() {
        return (tls ? "amqps" : "amqp") + "://" + host + ":" + port + "/"
                + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return display();
    }
}
