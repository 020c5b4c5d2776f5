package io.vigil.hub;

import java.time.Instant;
import java.util.Map;

/** Something that happened, as opposed to a value: {@code RUN_ABORTED}, a gateway disconnect, a status change. */
public record StreamEvent(String source, String type, Map<String, Object> attributes, Instant ts) {

    public StreamEvent {
        attributes = attributes == null ? Map.of() : attributes;
    }
}
