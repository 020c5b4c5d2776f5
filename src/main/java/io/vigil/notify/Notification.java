package io.vigil.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;

/**
 * One message to one receiver: the alerts of a group that are worth sending now (firing ones and due resolutions), and
 * the dedupe keys it delivers ({@code episode|receiver|kind}, kind being firing, repeat-N or resolved).
 *
 * @param testMessage set for a test notification sent over REST; null otherwise
 */
public record Notification(String id, GroupKey group, List<Alert> alerts, List<String> dedupeKeys, Set<String> kinds,
        Instant createdAt, String testMessage) {

    public Notification {
        alerts = List.copyOf(alerts);
        dedupeKeys = List.copyOf(dedupeKeys);
        kinds = Set.copyOf(kinds);
    }

    public String receiver() {
        return group.receiver();
    }

    public boolean test() {
        return testMessage != null;
    }

    /** firing while one alert of the message fires, notice when it holds only notices, resolved otherwise. */
    public String status() {
        if (!firing().isEmpty()) {
            return "firing";
        }
        return notices().size() == alerts.size() ? "notice" : "resolved";
    }

    public List<Alert> firing() {
        return alerts.stream().filter(a -> a.state() == AlertState.FIRING).toList();
    }

    /** Alerts that had been firing and have ended; a notice is not one of them. */
    public List<Alert> resolved() {
        return alerts.stream().filter(a -> a.state() == AlertState.RESOLVED && !a.notice()).toList();
    }

    /** Events that fired and resolved at once (event rules with {@code keep_firing_for: 0s}). */
    public List<Alert> notices() {
        return alerts.stream().filter(Alert::notice).toList();
    }

    /** {@code 2 firing and 1 resolved alert(s)}, {@code 1 event}, or both joined. */
    public String tally() {
        List<Alert> notices = notices();
        String events = notices.size() + (notices.size() == 1 ? " event" : " events");
        if (notices.size() == alerts.size()) {
            return events;
        }
        String counted = firing().size() + " firing and " + resolved().size() + " resolved alert(s)";
        return notices.isEmpty() ? counted : counted + ", and " + events;
    }

    public Severity highestSeverity() {
        return alerts.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
    }

    public Map<String, String> commonLabels() {
        return common(alerts.stream().map(Alert::labels).toList());
    }

    public Map<String, String> commonAnnotations() {
        return common(alerts.stream().map(Alert::annotations).toList());
    }

    /** Kinds in a stable order, as the log writes them: {@code firing,repeat,resolved}. */
    public String kind() {
        return String.join(",", new java.util.TreeSet<>(kinds));
    }

    /** The key the log files this message under: the one alert key, or the group and a digest of all its keys. */
    public String dedupeKey() {
        if (dedupeKeys.size() == 1) {
            return dedupeKeys.get(0);
        }
        String key = "group:" + group + "#" + digest(String.join("\n", new java.util.TreeSet<>(dedupeKeys)));
        return key.length() <= 400 ? key : key.substring(0, 380) + "#" + digest(key);
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> out = new LinkedHashMap<>();
        if (maps.isEmpty()) {
            return out;
        }
        new java.util.TreeMap<>(maps.get(0)).forEach((k, v) -> {
            if (maps.stream().allMatch(m -> v.equals(m.get(k)))) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
