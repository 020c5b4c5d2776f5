package io.vigil.hub;

/**
 * What the hub hands its consumers. Updates and status changes are states (a newer one replaces an older one for a
 * slow consumer, see {@link Conflation}); events are never replaced.
 */
public sealed interface HubMessage {

    /** The WebSocket topic the message belongs to. */
    String topic();

    /** Messages with equal keys replace each other when a consumer lags; null for events. */
    Object conflationKey();

    record Update(SourceUpdate update) implements HubMessage {

        public String topic() {
            return update.source();
        }

        public Object conflationKey() {
            return "update:" + update.source();
        }
    }

    record StatusChange(SourceHealth health, SourceStatus previous) implements HubMessage {

        public String topic() {
            return health.source();
        }

        public Object conflationKey() {
            return "status:" + health.source();
        }
    }

    record Event(StreamEvent event) implements HubMessage {

        public String topic() {
            return event.source();
        }

        public Object conflationKey() {
            return null;
        }
    }
}
