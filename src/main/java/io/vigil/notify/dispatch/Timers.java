package io.vigil.notify.dispatch;

import java.time.Duration;

import io.smallrye.mutiny.subscription.Cancellable;

/** One-shot timers: Vert.x's in the application, a hand-driven one in tests. */
@FunctionalInterface
public interface Timers {

    Cancellable schedule(Duration delay, Runnable task);

    static Timers of(io.vertx.core.Vertx vertx) {
        return (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }
}
