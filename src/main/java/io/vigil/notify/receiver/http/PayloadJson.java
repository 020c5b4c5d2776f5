package io.vigil.notify.receiver.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.alert.Alert;

/**
 * JSON for other systems (Alertmanager, webhooks, Slack), written with a plain mapper: their field names are theirs
 * ({@code groupKey}, {@code generatorURL}), not Vigil's snake_case.
 */
public final class PayloadJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Alertmanager's "no end yet". */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private PayloadJson() {
    }

    public static String write(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The alert's labels, with {@code alertname} and {@code severity} added when the rule did not set them. */
    public static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.putIfAbsent("alertname", alert.rule());
        labels.putIfAbsent("severity", alert.severity().label());
        return new LinkedHashMap<>(labels);
    }

    public static Map<String, String> sorted(Map<String, String> map) {
        return new LinkedHashMap<>(new TreeMap<>(map));
    }

    public static String startsAt(Alert alert) {
        Instant at = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        return at == null ? ZERO_TIME : at.toString();
    }

    public static String generatorUrl(String externalUrl, Alert alert) {
        String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        // The link the dashboard opens on the alert's card, as in emails.
        return base + "/?alert=" + URLEncoder.encode(alert.id(), StandardCharsets.UTF_8) + "#alerts";
    }
}
