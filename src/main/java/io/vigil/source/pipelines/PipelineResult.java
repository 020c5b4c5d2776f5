package io.vigil.source.pipelines;

import java.time.Duration;
import java.time.Instant;

/**
 * One result a pipeline worker published: {@code {"pipeline","request_id","status","ingest_ts","processed_ts"}}, and
 * optionally {@code client_id} and {@code error}.
 */
public record PipelineResult(String pipeline, String requestId, boolean success, Instant ingestTs, Instant processedTs,
        String clientId, String error) {

    /** Time from ingest to processed; a negative span (clocks apart) counts as zero. */
    public Duration latency() {
        Duration d = Duration.between(ingestTs, processedTs);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
