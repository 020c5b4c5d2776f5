package io.vigil.testing;

import java.time.Duration;
import java.util.Arrays;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * A Redis connection of the test's own, straight to the server and not through Vigil's configuration (nor through a
 * {@link TcpProxy} in front of it): the test writes the keys as the production app would, and checks the server.
 */
public final class DirectRedis implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Redis redis;

    public DirectRedis(String uri) {
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri));
    }

    /** Sends one command, e.g. {@code send("HSET", key, "c1", "active")}, and waits for the reply. */
    public Response send(String command, String... args) {
        Request request = Request.cmd(Command.create(command));
        Arrays.stream(args).forEach(request::arg);
        return redis.send(request).await().atMost(TIMEOUT);
    }

    public String notifyKeyspaceEvents() {
        Response reply = send("CONFIG", "GET", "notify-keyspace-events");
        return reply.get("notify-keyspace-events").toString();
    }

    public void setNotifyKeyspaceEvents(String flags) {
        send("CONFIG", "SET", "notify-keyspace-events", flags);
    }

    public void del(String... keys) {
        send("DEL", keys);
    }

    /** The Quarkus data source API over this connection, for code under test that takes one. */
    public ReactiveRedisDataSource dataSource() {
        return new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
    }

    @Override
    public void close() {
        redis.close();
        vertx.closeAndAwait();
    }
}
