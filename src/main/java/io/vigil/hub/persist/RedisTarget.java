package io.vigil.hub.persist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vigil.hub.SeriesSnapshot;

/**
 * A snapshot in one Redis key, shared by every replica: each writes its whole snapshot with one {@code SET} (atomic,
 * so a reader gets one whole snapshot), the last writer's is what a starting replica reads. The key expires after the
 * roll-up retention without a write, when nothing in it would still be shown.
 */
final class RedisTarget implements SnapshotTarget {

    private final Supplier<ReactiveRedisDataSource> redis;
    private final String key;
    private final Duration expiry;
    private final Duration timeout;

    RedisTarget(Supplier<ReactiveRedisDataSource> redis, String key, Duration expiry, Duration timeout) {
        this.redis = redis;
        this.key = key;
        this.expiry = expiry;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return "Redis key " + key;
    }

    @Override
    public void checkWritable() {
        // Redis may come later: a write that fails is reported then.
    }

    @Override
    public long write(long writtenAtMs, SnapshotFormat.SeriesSupplier supplier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        SnapshotFormat.write(bytes, writtenAtMs, supplier);
        byte[] value = bytes.toByteArray();
        Request set = Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(expiry.toMillis());
        send(set);
        return value.length;
    }

    @Override
    public SnapshotFormat.Contents read(Consumer<SeriesSnapshot> consumer) throws IOException {
        Response value = send(Request.cmd(Command.GET).arg(key));
        if (value == null) {
            return null;
        }
        return SnapshotFormat.read(value.toBytes(), consumer);
    }

    private Response send(Request request) throws IOException {
        try {
            return redis.get().getRedis().send(request).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new IOException("Redis: " + e.getMessage(), e);
        }
    }
}
