package io.vigil.notify;

import io.smallrye.mutiny.Uni;

/** Somewhere notifications go. {@link #send} makes one attempt; retries and the log are the pipeline's business. */
public interface Receiver {

    String name();

    ReceiverType type();

    NotifyConfig.Receiver config();

    /** One attempt: an item when the receiver took the message (or there was nobody to send it to), a failure otherwise. */
    Uni<Delivery> send(Notification notification);
}
