package io.vigil.notify;

import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.log.LogSafe;

/**
 * What happens to a group when its timer fires, as Alertmanager's notifier does it: the flush goes through a list of
 * stages in order — silence → dedupe → retry → log. Which receivers an alert goes to was decided when it was routed
 * to the group. Every stage runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class NotificationPipeline {

    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

    private final Receivers receivers;
    private final List<Stage> stages;
    private final Executor workers;

    @Inject
    public NotificationPipeline(Receivers receivers, DedupeStage dedupe, RetryStage retry, LogStage log) {
        this(receivers, List.of(new SilenceStage(), dedupe, retry, log), Infrastructure.getDefaultWorkerPool());
    }

    public NotificationPipeline(Receivers receivers, List<Stage> stages, Executor workers) {
        this.receivers = receivers;
        this.stages = List.copyOf(stages);
        this.workers = workers;
    }

    public Uni<FlushResult> flush(Flush flush) {
        Receiver receiver = receivers.get(flush.receiver()).orElse(null);
        if (receiver == null) {
            LOG.warnf("No receiver %s for group %s", LogSafe.escape(flush.receiver()), LogSafe.escape(flush.group()));
            return Uni.createFrom().item(FlushResult.NOTHING_DUE);
        }
        Stage.Context ctx = new Stage.Context(receiver, receivers.repeatInterval(receiver.name()),
                receivers.repeatsAcknowledged(receiver.name()));
        Uni<Flush> run = Uni.createFrom().item(flush);
        for (Stage stage : stages) {
            // A stage that answered on the event loop (an HTTP client, a timer) hands on to a worker again.
            run = run.emitOn(workers).chain(f -> stage.exec(ctx, f));
        }
        return run.map(Flush::result);
    }
}
