package io.vigil.notify.webhook;

import io.smallrye.mutiny.Uni;
import io.vigil.notify.Delivery;
import io.vigil.notify.HttpPoster;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.PayloadJson;
import io.vigil.notify.Receiver;
import io.vigil.notify.ReceiverType;

/** POSTs Alertmanager-compatible webhook JSON (version 4) to a URL. */
public final class WebhookReceiver implements Receiver {

    private final String name;
    private final NotifyConfig.Receiver config;
    private final String url;
    private final String externalUrl;
    private final HttpPoster http;

    public WebhookReceiver(String name, NotifyConfig.Receiver config, String url, String externalUrl, HttpPoster http) {
        this.name = name;
        this.config = config;
        this.url = url;
        this.externalUrl = externalUrl;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ReceiverType type() {
        return ReceiverType.WEBHOOK;
    }

    @Override
    public NotifyConfig.Receiver config() {
        return config;
    }

    @Override
    public Uni<Delivery> send(Notification notification) {
        return http.postJson(url, PayloadJson.write(WebhookPayload.of(notification, externalUrl))).map(Delivery::sent);
    }
}
