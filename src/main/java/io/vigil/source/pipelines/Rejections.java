package io.vigil.source.pipelines;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.vigil.log.LogSafe;

/**
 * Messages acked without being counted, per reason. The first rejection is logged; later ones are logged at most once
 * per {@code logInterval}, with the number left unlogged since the previous line, so a producer sending garbage at
 * 10k msg/s costs one log line a minute.
 */
final class Rejections {

    private final Map<RejectReason, AtomicLong> counts = new EnumMap<>(RejectReason.class);
    private final ThrottledLog log;

    Rejections(Clock clock, Duration logInterval, Consumer<String> log) {
        this.log = new ThrottledLog(clock, logInterval, "rejected", log);
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, new AtomicLong());
        }
    }

    void reject(String stream, MessageRejected rejection) {
        counts.get(rejection.reason()).incrementAndGet();
        // The reason quotes the message's own fields.
        log.log(() -> "Rejected a message on " + stream + " (" + rejection.reason().label() + "): "
                + LogSafe.escape(rejection.getMessage())
                + ". Rejected messages are acked and counted in pipelines.rejected");
    }

    /** Counts per reason label, every reason present. */
    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, n) -> out.put(reason.label(), n.get()));
        return out;
    }
}
