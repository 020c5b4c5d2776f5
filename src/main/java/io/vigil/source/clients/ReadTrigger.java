package io.vigil.source.clients;

/**
 * Why the watched keys are read. A stronger reason (later in this order) covers the weaker ones when several are
 * pending at once.
 */
public enum ReadTrigger {

    /** A keyspace notification said a watched key changed. */
    NOTIFICATION,
    /** The poll interval passed while notifications are not available. */
    POLL,
    /** The resync interval passed. */
    RESYNC,
    /** The source (re)connected: everything sent while it was away is lost, so it reads everything. */
    CONNECT;

    /** Whether this read also checks the server's notification settings. */
    boolean checksServerSettings() {
        return this == RESYNC || this == CONNECT;
    }

    /** Whether this read is reported even when nothing changed, so history stays continuous. */
    boolean reportedEvenIfUnchanged() {
        return this == RESYNC || this == CONNECT;
    }

    static ReadTrigger strongest(ReadTrigger a, ReadTrigger b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
