package io.vigil.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;
import io.vigil.web.InvalidFieldException;

/**
 * Checks receivers with a test notification: one synthetic alert straight through a receiver (no grouping, no dedupe,
 * one attempt), so an operator sees at once whether the receiver works. Every attempt is in the notification log with
 * kind {@code test}.
 */
@ApplicationScoped
public class ReceiverCheck {

    public static final String RULE = "VigilTestNotification";

    /** What one receiver did with the test. */
    public record Result(String receiver, String type, String outcome, String detail, String error) {
    }

    private final Receivers receivers;
    private final RetryStage retry;
    private final LogStage log;

    public ReceiverCheck(Receivers receivers, RetryStage retry, LogStage log) {
        this.receivers = receivers;
        this.retry = retry;
        this.log = log;
    }

    /**
     * @param receiver a receiver's name, or null for all of them
     * @throws InvalidFieldException when no receiver has that name
     */
    public Uni<List<Result>> send(String receiver, String message) {
        List<Receiver> targets;
        if (receiver == null) {
            targets = new ArrayList<>(receivers.all());
        } else {
            targets = List.of(receivers.get(receiver).orElseThrow(() -> new InvalidFieldException("receiver",
                    "'" + receiver + "' is not a configured receiver; configured: "
                            + String.join(", ", receivers.all().stream().map(Receiver::name).toList()))));
        }
        if (targets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String text = message == null || message.isBlank() ? "Vigil can reach this receiver." : message.strip();
        List<Uni<Result>> sends = targets.stream().map(r -> send(r, text)).toList();
        return Uni.join().all(sends).andCollectFailures();
    }

    private Uni<Result> send(Receiver receiver, String message) {
        Notification n = notification(receiver.name(), message);
        if (!receiver.config().enabled()) {
            return Uni.createFrom().item(() -> {
                log.attempt(n, Outcome.SKIPPED, 0, null, "the receiver is disabled");
                return new Result(receiver.name(), receiver.type().label(), Outcome.SKIPPED.label(), "the receiver is disabled",
                        null);
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return retry.deliver(receiver, n, 1).map(a -> new Result(receiver.name(), receiver.type().label(), switch (a.result()) {
            case DELIVERED -> Outcome.SUCCESS.label();
            case SKIPPED -> Outcome.SKIPPED.label();
            default -> Outcome.FAILED.label();
        }, a.detail(), a.error()));
    }

    static Notification notification(String receiver, String message) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Alert alert = new Alert("vigil-test-" + id, RULE, Severity.INFO, AlertState.FIRING,
                Map.of("alertname", RULE, "severity", Severity.INFO.label()),
                Map.of("summary", message, "description", "A test notification sent over POST /api/v1/notifications/test"),
                0, now, now, null, now, false, null, null, List.of(receiver));
        return new Notification(id, new GroupKey(receiver, Map.of("alertname", RULE)), List.of(alert),
                List.of("test:" + id + "|" + receiver + "|test"), Set.of("test"), now, message);
    }
}
