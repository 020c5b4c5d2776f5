package io.vigil.notify.receiver.alertmanager;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.receiver.http.HttpPoster;
import io.vigil.notify.receiver.http.JsonPostReceiver;
import io.vigil.notify.receiver.http.PayloadJson;

/**
 * Forwards alerts to an existing Alertmanager: {@code POST <url>/api/v2/alerts} with its v2 alert list. A firing
 * alert's {@code endsAt} lies a few resend periods ahead, as Prometheus does, so that Alertmanager resolves it by
 * itself when Vigil stops sending; a resolved one ends when it resolved.
 */
public final class AlertmanagerReceiver extends JsonPostReceiver {

    /** One alert of {@code POST /api/v2/alerts}. */
    public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
            String generatorURL) {
    }

    private final Duration keepAlive;

    /** @param keepAlive how long after a message its firing alerts stay active in Alertmanager without news */
    public AlertmanagerReceiver(String name, NotifyConfig.Receiver config, String baseUrl, String externalUrl,
            Duration keepAlive, HttpPoster http) {
        super(name, ReceiverType.ALERTMANAGER, config,
                (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/api/v2/alerts", externalUrl,
                http);
        this.keepAlive = keepAlive;
    }

    @Override
    protected Object body(Notification notification) {
        return alerts(notification);
    }

    List<PostableAlert> alerts(Notification n) {
        String firingEnd = n.createdAt().plus(keepAlive).toString();
        return n.alerts().stream().map(a -> new PostableAlert(PayloadJson.labels(a), PayloadJson.sorted(a.annotations()),
                PayloadJson.startsAt(a), endsAt(a, firingEnd), PayloadJson.generatorUrl(externalUrl, a))).toList();
    }

    private static String endsAt(Alert a, String firingEnd) {
        return a.state() == AlertState.RESOLVED && a.resolvedAt() != null ? a.resolvedAt().toString() : firingEnd;
    }
}
