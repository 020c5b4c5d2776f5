package io.vigil.source.pipelines;

import java.time.Instant;
import java.util.List;

/**
 * A gateway: how many clients it has connected (and the first {@value #MAX_CLIENT_IDS} of their ids, sorted), the
 * time of its last heartbeat as it wrote it, of its last event, how long ago (seconds, by Vigil's clock) its last
 * heartbeat arrived, and whether that is longer than {@code vigil.pipelines.gateway-timeout}.
 */
public record GatewayView(String gatewayId, int clients, List<String> clientIds, Instant lastHeartbeat,
        Instant lastEventAt, Double heartbeatAgeSeconds, boolean stale) {

    public static final int MAX_CLIENT_IDS = 100;
}
