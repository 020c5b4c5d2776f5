package io.vigil.notify;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * One step of what happens to a group when its timer fires, as Alertmanager's {@code notify.Stage}: it takes the
 * flush as the previous stage left it and hands it on, changed or as it was. {@link NotificationPipeline} calls every
 * stage on a worker thread, so a stage may block (JDBC, files); one that waits for an answer returns a Uni instead.
 */
@FunctionalInterface
public interface Stage {

    /** What the stages of one flush share: the receiver it is for and its repeat policy. */
    record Context(Receiver receiver, Duration repeatInterval, boolean repeatsAcknowledged) {
    }

    Uni<Flush> exec(Context ctx, Flush flush);
}
