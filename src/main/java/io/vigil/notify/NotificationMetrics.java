package io.vigil.notify;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** {@code vigil.notifications{receiver,outcome}}: one count per attempt, as the log has it. */
@ApplicationScoped
public class NotificationMetrics {

    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String receiver, Outcome outcome) {
        registry.counter("vigil.notifications", "receiver", receiver, "outcome", outcome.label()).increment();
    }
}
