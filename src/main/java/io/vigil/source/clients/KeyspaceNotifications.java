package io.vigil.source.clients;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vigil.log.LogSafe;

/**
 * Whether the server sends the keyspace notifications the source needs ({@code CONFIG GET notify-keyspace-events}),
 * and, only when {@code vigil.clients.enable-notifications=true}, switching them on ({@code CONFIG SET}) by adding
 * the lacking flags to those already set. A server that refuses (CONFIG disabled, no permission) is not an error:
 * the source polls and says why. A lost connection is an error and fails the check.
 */
final class KeyspaceNotifications {

    static final String PARAMETER = "notify-keyspace-events";
    private static final Logger LOG = Logger.getLogger(KeyspaceNotifications.class);

    private final ReactiveRedisDataSource redis;
    private final boolean enable;
    private final Duration pollInterval;

    KeyspaceNotifications(ReactiveRedisDataSource redis, boolean enable, Duration pollInterval) {
        this.redis = redis;
        this.enable = enable;
        this.pollInterval = pollInterval;
    }

    Uni<ChangeDetection> check() {
        return redis.execute(Command.CONFIG, "GET", PARAMETER)
                .map(KeyspaceNotifications::flags)
                .chain(this::decide)
                .onFailure(RedisReplies::isErrorReply).recoverWithItem(e -> ChangeDetection.polling(null,
                        "cannot read " + PARAMETER + " (" + e.getMessage() + "); polling every " + human(pollInterval)));
    }

    private Uni<ChangeDetection> decide(String flags) {
        if (KeyspaceEvents.sufficient(flags)) {
            return Uni.createFrom().item(ChangeDetection.notifications(flags, false));
        }
        if (!enable) {
            return Uni.createFrom().item(ChangeDetection.polling(flags, "keyspace notifications are off on the server ("
                    + PARAMETER + "='" + flags + "' lacks " + KeyspaceEvents.missing(flags) + "); polling every "
                    + human(pollInterval) + ". Enable them on the server or set vigil.clients.enable-notifications=true"));
        }
        String wanted = KeyspaceEvents.withNeeded(flags);
        return redis.execute(Command.CONFIG, "SET", PARAMETER, wanted)
                .chain(() -> redis.execute(Command.CONFIG, "GET", PARAMETER))
                .map(KeyspaceNotifications::flags)
                .map(now -> {
                    if (!KeyspaceEvents.sufficient(now)) {
                        return ChangeDetection.polling(now, "Vigil set " + PARAMETER + "='" + wanted
                                + "' but the server reports '" + now + "'; polling every " + human(pollInterval));
                    }
                    LOG.infof("Enabled Redis keyspace notifications: %s '%s' -> '%s'", PARAMETER, LogSafe.escape(flags),
                            LogSafe.escape(now));
                    return ChangeDetection.notifications(now, true);
                })
                .onFailure(RedisReplies::isErrorReply).recoverWithItem(e -> ChangeDetection.polling(flags,
                        "keyspace notifications are off on the server (" + PARAMETER + "='" + flags
                                + "') and enabling them failed (" + e.getMessage() + "); polling every "
                                + human(pollInterval)));
    }

    /** The value of a CONFIG GET reply: a map in RESP3, a [name, value] array in RESP2. */
    static String flags(Response reply) {
        Response value = reply == null ? null : reply.get(PARAMETER);
        return value == null ? "" : value.toString();
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
