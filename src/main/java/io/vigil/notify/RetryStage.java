package io.vigil.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.Backoff;
import io.vigil.log.Failures;

/**
 * Sends a notification through its receiver, again and again with jittered exponential back-off while attempts fail,
 * until it is taken or the attempts or the time allowed run out. Every attempt goes to the {@link LogStage}. Waiting
 * is a Mutiny delay: no thread sleeps.
 */
@ApplicationScoped
public class RetryStage implements Stage {

    /** How a delivery ended: its result, the attempts it took, and the receiver's last word. */
    public record Attempted(FlushResult result, int attempts, String detail, String error) {
    }

    private final NotifyConfig.Retry retry;
    private final LogStage log;
    private final Clock clock = Clock.systemUTC();

    public RetryStage(NotifyConfig config, LogStage log) {
        this.retry = config.retry();
        this.log = log;
    }

    /** Sends the message the dedupe stage found due, if there is one. */
    @Override
    public Uni<Flush> exec(Context ctx, Flush flush) {
        return flush.message()
                .map(n -> deliver(ctx.receiver(), n, retry.maxAttempts()).map(a -> flush.ended(a.result())))
                .orElseGet(() -> Uni.createFrom().item(flush));
    }

    /** @param maxAttempts 1 for a single try (a receiver check) */
    public Uni<Attempted> deliver(Receiver receiver, Notification n, int maxAttempts) {
        Backoff backoff = new Backoff(retry.minDelay(), retry.maxDelay(), retry.jitter());
        return attempt(receiver, n, 1, Math.max(1, maxAttempts), backoff, clock.instant());
    }

    private Uni<Attempted> attempt(Receiver receiver, Notification n, int attempt, int maxAttempts, Backoff backoff,
            Instant first) {
        Duration timeout = retry.attemptTimeout();
        return Uni.createFrom().deferred(() -> receiver.send(n))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((delivery, failure) -> {
                    if (failure == null) {
                        Outcome outcome = delivery.delivered() ? Outcome.SUCCESS : Outcome.SKIPPED;
                        log.attempt(n, outcome, attempt, null, delivery.detail());
                        return Uni.createFrom()
                                .item(new Attempted(delivery.delivered() ? FlushResult.DELIVERED : FlushResult.SKIPPED,
                                        attempt, delivery.detail(), null));
                    }
                    String error = Failures.describe(failure);
                    Duration delay = backoff.next();
                    boolean last = attempt >= maxAttempts
                            || Duration.between(first, clock.instant().plus(delay)).compareTo(retry.giveUpAfter()) > 0;
                    log.attempt(n, last ? Outcome.FAILED : Outcome.RETRYING, attempt, error, last
                            ? null
                            : "next attempt in "
                                    + delay.toMillis() + " ms");
                    if (last) {
                        return Uni.createFrom().item(new Attempted(FlushResult.FAILED, attempt, null, error));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .chain(() -> attempt(receiver, n, attempt + 1, maxAttempts, backoff, first));
                });
    }

}
