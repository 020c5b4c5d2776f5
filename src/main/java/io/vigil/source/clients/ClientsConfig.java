package io.vigil.source.clients;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** The clients source: client states the production app keeps in Redis. */
@ConfigMapping(prefix = "vigil.clients")
public interface ClientsConfig {

    /** Whether the Redis client states are watched at all. */
    boolean enabled();

    /** An optional source being down does not make Vigil unready; Redis being away is not Vigil's fault. */
    boolean optional();

    /**
     * Time between two full re-reads, whatever the notifications said: notifications are fire-and-forget and lost
     * while disconnected. Each re-read is reported, so history stays continuous.
     */
    Duration resync();

    /** Time between two reads while keyspace notifications are not available (off on the server, or not readable). */
    Duration pollInterval();

    /**
     * Whether Vigil may switch keyspace notifications on ({@code CONFIG SET notify-keyspace-events}, adding only the
     * flags it needs to what is set). When false, Vigil never changes the server's settings and polls if they are off.
     */
    boolean enableNotifications();

    /** Longest wait for Redis to answer one read before the connection is taken as lost. */
    Duration timeout();

    /** Most client ids listed per group in the snapshot; the counts are always complete. */
    int maxListedIds();

    /** Values of the status hash (compared case-insensitively) that count as active. */
    Set<String> activeStatuses();

    /** Values of the status hash (compared case-insensitively) that count as paused. */
    Set<String> pausedStatuses();

    /** The names of the watched keys. */
    Keys keys();

    interface Keys {

        /** Hash of client id to status (active, paused, ...). */
        String status();

        /** Set or list of blocked client ids. */
        String blocked();

        /** Set or list of deactivated client ids. */
        String deactivated();
    }
}
