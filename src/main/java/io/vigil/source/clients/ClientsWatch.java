package io.vigil.source.clients;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vigil.hub.SourceUpdate;
import io.vigil.log.LogSafe;

/**
 * One connection's worth of watching, i.e. one subscription to {@link ClientsSource#stream()}: it subscribes to the
 * keys' keyspace channels first, then reads everything (nothing sent before the subscription can be missed), and
 * reads again on each notification, each resync and, while notifications are not available, each poll. The
 * notification connection closing, a read failing or Redis not answering within the timeout fails the stream, so
 * the hub marks the source DOWN and subscribes again with back-off; the next subscription reads everything afresh.
 */
final class ClientsWatch {

    private static final Logger LOG = Logger.getLogger(ClientsWatch.class);

    private final ReactiveRedisDataSource redis;
    private final ClientsConfig config;
    private final List<String> channels;
    private final String address;
    private final ClientKeysReader reader;
    private final KeyspaceNotifications keyspaceNotifications;
    private final PendingReads pending = new PendingReads();
    /** Written only by the reads, which run one at a time; read by the poll ticks. */
    private volatile ChangeDetection detection;
    private ClientStates last;

    ClientsWatch(ReactiveRedisDataSource redis, ClientsConfig config, int database, String address) {
        this.redis = redis;
        this.config = config;
        this.address = address;
        this.channels = KeyspaceEvents.channels(database,
                List.of(config.keys().status(), config.keys().blocked(), config.keys().deactivated()));
        this.reader = new ClientKeysReader(redis, config.keys(),
                new ClientStates.StatusNames(config.activeStatuses(), config.pausedStatuses()));
        this.keyspaceNotifications = new KeyspaceNotifications(redis, config.enableNotifications(), config.pollInterval());
    }

    Multi<SourceUpdate> updates() {
        Multi<ReadTrigger> resyncs = Multi.createFrom().ticks().startingAfter(config.resync()).every(config.resync())
                .onOverflow().drop()
                .map(tick -> ReadTrigger.RESYNC);
        Multi<ReadTrigger> polls = Multi.createFrom().ticks().startingAfter(config.pollInterval())
                .every(config.pollInterval())
                .onOverflow().drop()
                .select().where(tick -> detection != null && detection.polling())
                .map(tick -> ReadTrigger.POLL);
        return Multi.createBy().merging().streams(notifications(), resyncs, polls)
                .onItem().invoke(pending::add)
                .onOverflow().dropPreviousItems()
                .onItem().transformToMultiAndConcatenate(trigger -> readPending().toMulti());
    }

    /** CONNECT once subscribed to the keys' channels, then NOTIFICATION for every event on them. */
    private Multi<ReadTrigger> notifications() {
        return Multi.createFrom().emitter(emitter -> {
            // A connection that is gone is not unsubscribed: there is nothing left to write to.
            AtomicBoolean gone = new AtomicBoolean();
            redis.pubsub(String.class)
                    .subscribe(channels, (channel, event) -> emitter.emit(ReadTrigger.NOTIFICATION),
                            () -> {
                                gone.set(true);
                                failUnlessCancelled(emitter, new IllegalStateException(
                                        "Redis at " + address + " closed the keyspace notification connection"));
                            },
                            failure -> {
                                gone.set(true);
                                failUnlessCancelled(emitter, new IllegalStateException("Redis at " + address
                                        + ": keyspace notification connection failed: " + failure.getMessage(), failure));
                            })
                    // A server that drops packets rather than refusing them would keep the source STARTING for minutes.
                    .ifNoItem().after(config.timeout()).failWith(() -> new IllegalStateException(
                            "no answer within " + KeyspaceNotifications.human(config.timeout())))
                    .subscribe().with(subscriber -> {
                        emitter.onTermination(() -> {
                            if (!gone.get()) {
                                unsubscribe(subscriber);
                            }
                        });
                        emitter.emit(ReadTrigger.CONNECT);
                    }, failure -> emitter.fail(new IllegalStateException("Redis at " + address
                            + ": cannot subscribe to keyspace notifications: " + failure.getMessage(), failure)));
        });
    }

    /** Closing the connection after the stream was cancelled (unsubscribe, shutdown) is no failure. */
    private static void failUnlessCancelled(MultiEmitter<?> emitter, Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(failure);
        }
    }

    private void unsubscribe(ReactiveRedisSubscriber subscriber) {
        subscriber.unsubscribe().subscribe().with(ignored -> {
        }, failure -> LOG.debugf("Unsubscribing from keyspace notifications: %s",
                LogSafe.escape(failure.getMessage())));
    }

    private Uni<SourceUpdate> readPending() {
        ReadTrigger trigger = pending.take();
        if (trigger == null) {
            return Uni.createFrom().nullItem();
        }
        ChangeDetection known = detection;
        Uni<ChangeDetection> current = known == null || trigger.checksServerSettings()
                ? keyspaceNotifications.check()
                : Uni.createFrom().item(known);
        return current.chain(d -> reader.read().map(states -> report(trigger, d, states)))
                .onFailure().transform(failure -> new IllegalStateException("Redis at " + address
                        + ": reading the client keys failed: " + failure.getMessage(), failure))
                .ifNoItem().after(config.timeout()).failWith(() -> new IllegalStateException(
                        "Redis at " + address + " did not answer within " + KeyspaceNotifications.human(config.timeout())));
    }

    /** The update for a read, or null when nothing changed and the read need not be reported. */
    private SourceUpdate report(ReadTrigger trigger, ChangeDetection d, ClientStates states) {
        ChangeDetection before = detection;
        boolean changed = !states.equals(last) || !d.equals(before);
        if (d.polling() && (before == null || !before.polling())) {
            LOG.warnf("Clients source polls Redis: %s", LogSafe.escape(d.detail()));
        } else if (!d.polling() && before != null && before.polling()) {
            LOG.infof("Clients source follows keyspace notifications again (%s='%s')", KeyspaceNotifications.PARAMETER,
                    LogSafe.escape(d.serverSetting()));
        }
        detection = d;
        last = states;
        if (!changed && !trigger.reportedEvenIfUnchanged()) {
            return null;
        }
        Instant now = Instant.now();
        SourceUpdate update = SourceUpdate.up(ClientsSource.SOURCE, now,
                states.snapshot(config.maxListedIds(), d, trigger, now), states.samples(now), List.of());
        List<String> degradations = new ArrayList<>();
        if (d.polling()) {
            degradations.add(d.detail());
        }
        degradations.addAll(states.problems());
        return degradations.isEmpty() ? update : update.degraded(String.join("; ", degradations));
    }
}
