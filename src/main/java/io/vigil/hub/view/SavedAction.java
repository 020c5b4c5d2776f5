package io.vigil.hub.view;

import java.time.Instant;
import java.util.List;

/**
 * An action the server manager saved: {@code {"action","client_id","actor","outcome","ts"}}. {@code actor},
 * {@code outcome} and {@code ts} are optional; {@code receivedAt} is when Vigil read it.
 */
public record SavedAction(String action, String clientId, String actor, String outcome, Instant ts, Instant receivedAt) {

    /** The actions the server manager knows. */
    public static final List<String> ACTIONS = List.of("pause", "block", "deactivate", "resume", "unblock");
}
