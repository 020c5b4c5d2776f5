package io.vigil.notify.receiver.http;

import io.smallrye.mutiny.Uni;
import io.vigil.notify.Delivery;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.Receiver;
import io.vigil.notify.ReceiverType;

/**
 * A receiver that POSTs one JSON document per notification; subclasses say only what the document is. Its address
 * is never shown whole ({@link ReceiverAddress}).
 */
public abstract class JsonPostReceiver implements Receiver {

    private final String name;
    private final ReceiverType type;
    protected final NotifyConfig.Receiver config;
    private final ReceiverAddress address;
    protected final String externalUrl;
    private final HttpPoster http;

    protected JsonPostReceiver(String name, ReceiverType type, NotifyConfig.Receiver config, String url, String externalUrl,
            HttpPoster http) {
        this.name = name;
        this.type = type;
        this.config = config;
        this.address = ReceiverAddress.parse(url);
        this.externalUrl = externalUrl;
        this.http = http;
    }

    /** The JSON body for this notification. */
    protected abstract Object body(Notification notification);

    @Override
    public String name() {
        return name;
    }

    @Override
    public ReceiverType type() {
        return type;
    }

    @Override
    public NotifyConfig.Receiver config() {
        return config;
    }

    @Override
    public Uni<Delivery> send(Notification notification) {
        return http.postJson(address, PayloadJson.write(body(notification))).map(Delivery::sent);
    }
}
