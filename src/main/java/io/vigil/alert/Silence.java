package io.vigil.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Mutes the notifications of every alert whose labels match all matchers, from start until end. */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant createdAt) {

    public Silence {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    public String state(Instant now) {
        return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
    }
}
