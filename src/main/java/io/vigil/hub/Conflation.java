package io.vigil.hub;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Keeps a slow subscriber on the latest state instead of an ever-growing queue: while it has no demand, a newer
 * item with the same key replaces the pending one. Items without a key (events) wait in the same bounded buffer;
 * when it is full the oldest pending item is dropped and counted.
 */
public final class Conflation {

    private Conflation() {
    }

    /**
     * @param dropped counts items lost to the bound
     * @param replaced counts items replaced by a newer one with the same key before the subscriber took them
     */
    public static <T> Multi<T> latestByKey(Multi<T> upstream, Function<T, Object> keyOf, int maxPending, AtomicLong dropped,
            AtomicLong replaced) {
        return Multi.createFrom().emitter(emitter -> new Drain<>(emitter, keyOf, maxPending, dropped, replaced).start(upstream),
                BackPressureStrategy.ERROR);
    }

    private static final class Drain<T> {

        private final MultiEmitter<? super T> emitter;
        private final Function<T, Object> keyOf;
        private final int maxPending;
        private final AtomicLong dropped;
        private final AtomicLong replaced;
        private final LinkedHashMap<Object, T> pending = new LinkedHashMap<>();
        private final AtomicInteger wip = new AtomicInteger();

        Drain(MultiEmitter<? super T> emitter, Function<T, Object> keyOf, int maxPending, AtomicLong dropped,
                AtomicLong replaced) {
            this.emitter = emitter;
            this.keyOf = keyOf;
            this.maxPending = maxPending;
            this.dropped = dropped;
            this.replaced = replaced;
        }

        void start(Multi<T> upstream) {
            emitter.onRequest(n -> drain());
            Cancellable upstreamSubscription = upstream.subscribe().with(this::offer, emitter::fail, emitter::complete);
            emitter.onTermination(upstreamSubscription::cancel);
        }

        private void offer(T item) {
            Object key = keyOf.apply(item);
            synchronized (pending) {
                if (key == null) {
                    key = new Object();
                } else if (pending.remove(key) != null) {
                    replaced.incrementAndGet();
                }
                pending.put(key, item);
                while (pending.size() > maxPending) {
                    Iterator<Map.Entry<Object, T>> eldest = pending.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                    dropped.incrementAndGet();
                }
            }
            drain();
        }

        /** Only one thread emits at a time; others just signal that there may be more to do. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (emitter.requested() > 0 && !emitter.isCancelled()) {
                    T next;
                    synchronized (pending) {
                        Iterator<T> it = pending.values().iterator();
                        if (!it.hasNext()) {
                            break;
                        }
                        next = it.next();
                        it.remove();
                    }
                    emitter.emit(next);
                }
            } while (wip.decrementAndGet() != 0);
        }
    }
}
