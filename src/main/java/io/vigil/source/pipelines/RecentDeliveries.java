package io.vigil.source.pipelines;

import java.util.HashMap;
import java.util.Map;

/**
 * Fingerprints of the latest messages accounted for, per stream, so a message the broker delivers again is not
 * counted twice. Vigil acks messages only after accounting for them (a batch at a time, {@link AckBatch}); if the
 * connection breaks in between, the broker redelivers them (flagged as such) after the reconnect. At most
 * {@code prefetch} messages per stream are ever unacked, so a ring a few times that size holds every message that can
 * come back.
 */
final class RecentDeliveries {

    private final int capacity;
    private final Map<String, Ring> streams = new HashMap<>();

    RecentDeliveries(int capacity) {
        this.capacity = capacity;
    }

    /**
     * True when the message is to be accounted for: always for a first delivery; for a redelivery, only if it was not
     * accounted for already (the connection broke before it was). Either way it is remembered.
     */
    boolean firstTime(String stream, byte[] body, boolean redelivered) {
        long fingerprint = fingerprint(body);
        Ring ring;
        synchronized (streams) {
            ring = streams.computeIfAbsent(stream, s -> new Ring(capacity));
        }
        return ring.add(fingerprint, redelivered);
    }

    /** FNV-1a, 64 bits: cheap per message, and a collision among a few hundred recent messages is negligible. */
    static long fingerprint(byte[] body) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : body) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static final class Ring {

        private final long[] fingerprints;
        private int next;
        private int size;

        Ring(int capacity) {
            this.fingerprints = new long[capacity];
        }

        synchronized boolean add(long fingerprint, boolean redelivered) {
            if (redelivered) {
                for (int i = 0; i < size; i++) {
                    if (fingerprints[i] == fingerprint) {
                        return false;
                    }
                }
            }
            fingerprints[next] = fingerprint;
            next = (next + 1) % fingerprints.length;
            size = Math.min(size + 1, fingerprints.length);
            return true;
        }
    }
}
