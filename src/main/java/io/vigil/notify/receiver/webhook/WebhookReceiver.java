package io.vigil.notify.receiver.webhook;

import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.receiver.http.HttpPoster;
import io.vigil.notify.receiver.http.JsonPostReceiver;

/** POSTs Alertmanager-compatible webhook JSON (version 4) to a URL. */
public final class WebhookReceiver extends JsonPostReceiver {

    public WebhookReceiver(String name, NotifyConfig.Receiver config, String url, String externalUrl, HttpPoster http) {
        super(name, ReceiverType.WEBHOOK, config, url, externalUrl, http);
    }

    @Override
    protected Object body(Notification notification) {
        return WebhookPayload.of(notification, externalUrl);
    }
}
