package io.vigil.api;

import java.time.Instant;

import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceHealth;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;

/** A source's latest data with its status, as REST shows it; {@code data} is null until the first reading. */
public record SourceView(String source, SourceStatus status, Instant ts, Object data, String lastError, String detail) {

    static SourceView of(MetricsHub hub, String source) {
        SourceHealth health = hub.health(source).orElseThrow();
        SourceUpdate update = hub.latest(source).orElse(null);
        return new SourceView(source, health.status(), update == null ? null : update.ts(),
                update == null ? null : update.snapshot(), health.lastError(), health.detail());
    }
}
