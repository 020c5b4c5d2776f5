package io.vigil.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The status of each source, and the changes of it. Thread-safe: sources fail on their own threads. */
final class SourceStatusBoard {

    private final Map<String, SourceHealth> health = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Consumer<HubMessage.StatusChange> changes;

    SourceStatusBoard(Clock clock, Consumer<HubMessage.StatusChange> changes) {
        this.clock = clock;
        this.changes = changes;
    }

    void register(SourceHealth initial) {
        health.put(initial.source(), initial);
    }

    void succeeded(String source, SourceStatus status, String detail) {
        Instant now = clock.instant();
        transition(source, h -> h.succeeded(status, detail, now));
    }

    void failed(String source, String error) {
        Instant now = clock.instant();
        transition(source, h -> h.failed(error, now));
    }

    private void transition(String source, java.util.function.UnaryOperator<SourceHealth> change) {
        SourceHealth[] before = new SourceHealth[1];
        SourceHealth after = health.computeIfPresent(source, (k, h) -> {
            before[0] = h;
            return change.apply(h);
        });
        if (after != null && before[0].status() != after.status()) {
            changes.accept(new HubMessage.StatusChange(after, before[0].status()));
        }
    }

    Optional<SourceHealth> get(String source) {
        return Optional.ofNullable(health.get(source));
    }

    List<SourceHealth> all() {
        return health.values().stream().sorted(Comparator.comparing(SourceHealth::source)).toList();
    }
}
