package io.vigil.ws;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A message a dashboard sends on /ws/metrics. Parsing never throws for bad input; it says what is wrong. */
record ClientCommand(String action, List<String> topics, String error) {

    static final int MAX_FRAME_CHARS = 16 * 1024;

    static ClientCommand parse(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return invalid("empty message; send JSON like {\"action\":\"get_current_data\"}");
        }
        if (text.length() > MAX_FRAME_CHARS) {
            return invalid("message longer than " + MAX_FRAME_CHARS + " characters");
        }
        // The older dashboards sent the bare words.
        String bare = text.trim();
        if (bare.equals("get_current_data") || bare.equals("ping")) {
            return new ClientCommand(bare, List.of(), null);
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (Exception e) {
            return invalid("not JSON; send e.g. {\"action\":\"subscribe\",\"topics\":[\"host\"]}");
        }
        if (node == null || !node.isObject()) {
            return invalid("expected a JSON object with an \"action\"");
        }
        JsonNode action = node.get("action");
        if (action == null || !action.isTextual()) {
            return invalid("\"action\" is missing; use subscribe, get_current_data or ping");
        }
        List<String> topics = new ArrayList<>();
        JsonNode t = node.get("topics");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                return invalid("\"topics\" must be an array of strings");
            }
            for (JsonNode item : t) {
                if (!item.isTextual()) {
                    return invalid("\"topics\" must be an array of strings");
                }
                topics.add(item.asText());
            }
        }
        return switch (action.asText()) {
            case "subscribe", "get_current_data", "ping" -> new ClientCommand(action.asText(), topics, null);
            default -> invalid("unknown action '" + action.asText() + "'; use subscribe, get_current_data or ping");
        };
    }

    private static ClientCommand invalid(String why) {
        return new ClientCommand(null, List.of(), why);
    }
}
