package io.vigil.source.clients;

import java.util.Locale;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/**
 * Reads the three watched keys, each by its type, without blocking: {@code TYPE} first, then the command for that
 * type. Read-only: nothing here writes to Redis.
 */
final class ClientKeysReader {

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveListCommands<String, String> lists;
    private final ClientsConfig.Keys keys;
    private final ClientStates.StatusNames names;

    ClientKeysReader(ReactiveRedisDataSource redis, ClientsConfig.Keys keys, ClientStates.StatusNames names) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.sets = redis.set(String.class);
        this.lists = redis.list(String.class);
        this.keys = keys;
        this.names = names;
    }

    Uni<ClientStates> read() {
        return Uni.combine().all().unis(read(keys.status()), read(keys.blocked()), read(keys.deactivated()))
                .with((status, blocked, deactivated) -> ClientStates.from(status, blocked, deactivated, names));
    }

    /**
     * One key by its type. A key that changes type between TYPE and the read answers WRONGTYPE: it is read again,
     * since it was just rewritten.
     */
    private Uni<KeyContent> read(String key) {
        return redis.execute(Command.TYPE, key)
                .map(type -> type == null ? KeyContent.NONE : type.toString().toLowerCase(Locale.ROOT))
                .chain(type -> switch (type) {
                    case KeyContent.HASH -> hashes.hgetall(key).map(entries -> KeyContent.hash(key, entries));
                    case KeyContent.SET -> sets.smembers(key).map(members -> KeyContent.set(key, members));
                    case KeyContent.LIST -> lists.lrange(key, 0, -1).map(members -> KeyContent.list(key, members));
                    case KeyContent.NONE -> Uni.createFrom().item(KeyContent.missing(key));
                    default -> Uni.createFrom().item(KeyContent.ofType(key, type));
                })
                .onFailure(RedisReplies::isWrongType).retry().atMost(3);
    }
}
