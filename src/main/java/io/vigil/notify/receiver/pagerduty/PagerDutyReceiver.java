package io.vigil.notify.receiver.pagerduty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.notify.Delivery;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.Receiver;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.message.AlertText;
import io.vigil.notify.receiver.http.HttpPoster;
import io.vigil.notify.receiver.http.PayloadJson;
import io.vigil.notify.receiver.http.ReceiverAddress;

/**
 * PagerDuty's Events API v2: one event per alert — {@code trigger} while it fires, {@code resolve} when it has
 * resolved — under a {@code dedup_key} that stays the same for the alert's whole episode, so PagerDuty opens one
 * incident per episode and a retried or repeated trigger only updates it. Events (notices) page nobody and are not
 * sent. The routing key goes in the body only; it is never logged or shown.
 */
public final class PagerDutyReceiver implements Receiver {

    /** PagerDuty's endpoint for Events API v2. */
    public static final String ENQUEUE = "https://events.pagerduty.com/v2/enqueue";
    private static final int MAX_DEDUP_KEY = 255;

    /** The event PagerDuty takes ({@code payload} only on a trigger). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String routingKey, String eventAction, String dedupKey, Payload payload, List<Link> links, String client,
            String clientUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payload(String summary, String source, String severity, String timestamp, String component, String group,
            Map<String, Object> customDetails) {
    }

    record Link(String href, String text) {
    }

    private final String name;
    private final NotifyConfig.Receiver config;
    private final ReceiverAddress address;
    private final String routingKey;
    private final String externalUrl;
    private final HttpPoster http;

    public PagerDutyReceiver(String name, NotifyConfig.Receiver config, String url, String routingKey, String externalUrl,
            HttpPoster http) {
        this.name = name;
        this.config = config;
        this.address = ReceiverAddress.parse(url);
        this.routingKey = routingKey;
        this.externalUrl = externalUrl;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ReceiverType type() {
        return ReceiverType.PAGERDUTY;
    }

    @Override
    public NotifyConfig.Receiver config() {
        return config;
    }

    @Override
    public Uni<Delivery> send(Notification notification) {
        List<Event> events = events(notification);
        if (events.isEmpty()) {
            return Uni.createFrom().item(Delivery.skipped("only events (notices), which do not page"));
        }
        // One after the other: a failure stops the rest, and the retry sends them all again (PagerDuty dedupes).
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> http.postJson(address, PayloadJson.write(e)).map(answer -> e))
                .collect().asList()
                .map(sent -> Delivery.sent(sent.size() + " event(s) (" + String.join(", ",
                        sent.stream().map(Event::eventAction).distinct().toList()) + ") to " + address.shown()));
    }

    List<Event> events(Notification n) {
        return n.alerts().stream().filter(a -> !a.notice())
                .filter(a -> a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED)
                .map(this::event).toList();
    }

    private Event event(Alert a) {
        boolean firing = a.state() == AlertState.FIRING;
        Payload payload = null;
        if (firing) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("labels", PayloadJson.labels(a));
            details.put("annotations", PayloadJson.sorted(a.annotations()));
            details.put("value", a.value());
            payload = new Payload(truncate(AlertText.title(a), 1024), source(a), severity(a),
                    a.firedAt() == null ? null : a.firedAt().toString(), a.labels().get("source"), a.rule(), details);
        }
        return new Event(routingKey, firing ? "trigger" : "resolve", dedupKey(a), payload,
                List.of(new Link(PayloadJson.generatorUrl(externalUrl, a), "Open in Vigil")), "Vigil", externalUrl);
    }

    /** Where the alert is: its instance, host, service or source, else Vigil itself. */
    private static String source(Alert a) {
        for (String label : List.of("instance", "host", "service", "source")) {
            String v = a.labels().get(label);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vigil";
    }

    private static String severity(Alert a) {
        return switch (a.severity()) {
            case CRITICAL -> "critical";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    /** The alert's episode, within PagerDuty's 255 characters (hashed when longer). */
    static String dedupKey(Alert a) {
        String key = "vigil/" + a.episodeKey();
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "vigil/" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
