package io.vigil.source.clients;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Reasons to read that came in while a read was running, folded into one: a burst of notifications costs one more
 * read, not one each, and a pending resync is never lost to a notification that came after it.
 */
final class PendingReads {

    private final AtomicReference<ReadTrigger> pending = new AtomicReference<>();

    void add(ReadTrigger trigger) {
        pending.accumulateAndGet(trigger, ReadTrigger::strongest);
    }

    /** The strongest pending reason, or null when an earlier read already covered every reason given so far. */
    ReadTrigger take() {
        return pending.getAndSet(null);
    }
}
