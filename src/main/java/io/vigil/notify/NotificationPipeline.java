package io.vigil.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.log.LogSafe;

/**
 * What happens to a group when its timer fires, as Alertmanager's notifier does it: silence → dedupe → retry → log
 * (the mute stage ran when the alert was routed to the receiver). Runs on worker threads.
 */
@ApplicationScoped
public class NotificationPipeline {

    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

    private final ReceiverRegistry receivers;
    private final NotificationLog ledger;
    private final RetryStage retry;
    private final LogStage log;

    public NotificationPipeline(ReceiverRegistry receivers, NotificationLog ledger, RetryStage retry, LogStage log) {
        this.receivers = receivers;
        this.ledger = ledger;
        this.retry = retry;
        this.log = log;
    }

    public Uni<FlushResult> flush(Flush flush) {
        Receiver receiver = receivers.get(flush.receiver()).orElse(null);
        if (receiver == null) {
            LOG.warnf("No receiver %s for group %s", LogSafe.escape(flush.receiver()), LogSafe.escape(flush.group()));
            return Uni.createFrom().item(FlushResult.NOTHING_DUE);
        }
        return Uni.createFrom().item(() -> {
            Flush audible = SilenceStage.apply(flush);
            DedupeStage.Plan plan = DedupeStage.plan(audible, ledger, receivers.repeatInterval(receiver.name()),
                    receivers.repeatsAcknowledged(receiver.name()));
            if (plan.notification().isEmpty() && flush.changed()) {
                log.nothingDue(audible, plan.reason());
            }
            return plan;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(plan -> plan.notification()
                        .map(n -> retry.deliver(receiver, n).map(RetryStage.Attempted::result))
                        .orElseGet(() -> Uni.createFrom().item(FlushResult.NOTHING_DUE)));
    }
}
