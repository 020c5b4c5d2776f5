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
        io.micrometer.core.instrument.Counter.builder("vigil.notifications")
                .description("Attempts to send a notification, by receiver and outcome")
                .tags("receiver", receiver, "outcome", outcome.label())
                .register(registry).increment();
    }
}
