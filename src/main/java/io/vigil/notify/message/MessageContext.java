package io.vigil.notify.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.vigil.notify.NotifyConfig;

/**
 * What a message needs besides its alerts: where people reach Vigil (for links) and the lab's time zone (for times).
 *
 * @param externalUrl Vigil's address without a trailing slash
 */
public record MessageContext(String externalUrl, ZoneId zone) {

    // English zone names: "CET", "CEST", "UTC" rather than a locale's long form.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

    public MessageContext {
        externalUrl = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
    }

    public static MessageContext of(NotifyConfig config) {
        return new MessageContext(config.externalUrl(), config.timeZone().filter(z -> !z.isBlank()).map(z -> {
            try {
                return ZoneId.of(z.strip());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException(
                        "vigil.notify.time-zone='" + z + "' is not a time zone; use an id such as Europe/Berlin or UTC", e);
            }
        }).orElse(ZoneId.systemDefault()));
    }

    /** {@code 2026-12-01 15:09:37 CET}: to the second, in the lab's zone. */
    public String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    /** The dashboard's list of active alerts. */
    public String alertsUrl() {
        return externalUrl + "/#alerts";
    }

    /** The dashboard scrolled to this alert's card. */
    public String alertUrl(String alertId) {
        return externalUrl + "/?alert=" + encode(alertId) + "#alerts";
    }

    /**
     * The dashboard with this alert's Acknowledge form open. Following it changes nothing: the page acknowledges only
     * when the form is sent.
     */
    public String ackUrl(String alertId) {
        return externalUrl + "/?ack=" + encode(alertId) + "#alerts";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
