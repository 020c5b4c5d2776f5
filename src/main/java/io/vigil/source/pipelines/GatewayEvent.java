package io.vigil.source.pipelines;

import java.time.Instant;
import java.util.Locale;

/** {@code {"gateway_id","event":"heartbeat|connect|disconnect","client_id","ts"}}; {@code ts} is optional. */
public record GatewayEvent(String gatewayId, Kind event, String clientId, Instant ts) {

    public enum Kind {

        HEARTBEAT, CONNECT, DISCONNECT;

        static Kind parse(String text) {
            return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }
}
