package io.vigil.notify;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One aggregation group: a receiver and the values of the group-by labels. Alerts of one group leave in one message.
 */
public record GroupKey(String receiver, Map<String, String> labels) {

    public GroupKey {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The labels as Prometheus writes them: {@code {alertname="HighCpu",host="lab1"}}. */
    public String labelsText() {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public String toString() {
        return receiver + ":" + labelsText();
    }
}
