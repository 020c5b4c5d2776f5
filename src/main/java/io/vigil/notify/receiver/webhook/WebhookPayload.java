package io.vigil.notify.receiver.webhook;

import java.util.List;
import java.util.Map;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.notify.Notification;
import io.vigil.notify.receiver.http.PayloadJson;

/** Alertmanager's webhook body, version 4: what any receiver written for Alertmanager understands. */
public record WebhookPayload(String version, String groupKey, int truncatedAlerts, String status, String receiver,
        Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
        String externalURL, List<WebhookAlert> alerts) {

    public record WebhookAlert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, String generatorURL, String fingerprint) {
    }

    public static WebhookPayload of(Notification n, String externalUrl) {
        List<WebhookAlert> alerts = n.alerts().stream().map(a -> alert(a, externalUrl)).toList();
        return new WebhookPayload("4", n.group().toString(), 0, n.status(), n.receiver(), PayloadJson.sorted(n.group().labels()),
                PayloadJson.sorted(common(n)), PayloadJson.sorted(n.commonAnnotations()), externalUrl, alerts);
    }

    private static Map<String, String> common(Notification n) {
        Map<String, String> common = new java.util.LinkedHashMap<>();
        List<Map<String, String>> all = n.alerts().stream().map(PayloadJson::labels).toList();
        all.get(0).forEach((k, v) -> {
            if (all.stream().allMatch(m -> v.equals(m.get(k)))) {
                common.put(k, v);
            }
        });
        return common;
    }

    private static WebhookAlert alert(Alert a, String externalUrl) {
        boolean resolved = a.state() == AlertState.RESOLVED;
        return new WebhookAlert(resolved ? "resolved" : "firing", PayloadJson.labels(a), PayloadJson.sorted(a.annotations()),
                PayloadJson.startsAt(a), resolved && a.resolvedAt() != null ? a.resolvedAt().toString() : PayloadJson.ZERO_TIME,
                PayloadJson.generatorUrl(externalUrl, a), a.id());
    }
}
