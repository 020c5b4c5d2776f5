package io.vigil.notify;

import io.smallrye.mutiny.Uni;

/** A receiver that POSTs one JSON document per notification; subclasses say only what the document is. */
public abstract class JsonPostReceiver implements Receiver {

    private final String name;
    private final ReceiverType type;
    protected final NotifyConfig.Receiver config;
    protected final String url;
    protected final String externalUrl;
    private final HttpPoster http;

    protected JsonPostReceiver(String name, ReceiverType type, NotifyConfig.Receiver config, String url, String externalUrl,
            HttpPoster http) {
        this.name = name;
        this.type = type;
        this.config = config;
        this.url = url;
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
        return http.postJson(url, PayloadJson.write(body(notification))).map(Delivery::sent);
    }
}
