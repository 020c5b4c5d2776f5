package io.vigil.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Redis connection of the test's own, straight to the server and not through Vigil's configuration (nor through a
 * {@link TcpProxy} in front of it): the test writes the keys as the production app would, and checks the server.
 * Plain Vert.x futures, no Mutiny: it also cleans up after the app has stopped, when Mutiny's context no longer works.
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
        return await(redis.send(request));
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
        io.vertx.mutiny.redis.client.Redis client = io.vertx.mutiny.redis.client.Redis.newInstance(redis);
        return new ReactiveRedisDataSourceImpl(io.vertx.mutiny.core.Vertx.newInstance(vertx), client,
                io.vertx.mutiny.redis.client.RedisAPI.api(client));
    }

    @Override
    public void close() {
        redis.close();
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
