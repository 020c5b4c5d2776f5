package io.vigil.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.log.LogSafe;
import io.vigil.notify.log.NotificationLog;

/**
 * The notification log's writer: every attempt goes to the log and the {@code vigil.notifications} counter; a
 * delivered (or, for want of recipients, skipped) message records its keys, with the time it was delivered, so the
 * dedupe stage never sends them again and times repeats from the delivery. {@link RetryStage} writes each attempt as
 * it ends, so a retry is on record before the next attempt starts; as the last stage, this one records a flush that
 * changed the group but had nothing due. Blocking: runs on worker threads.
 */
@ApplicationScoped
public class LogStage implements Stage {

    private static final Logger LOG = Logger.getLogger(LogStage.class);

    private final NotificationLog log;
    private final NotificationMetrics metrics;
    private final NotifyConfig config;
    private final Clock clock = Clock.systemUTC();

    public LogStage(NotificationLog log, NotificationMetrics metrics, NotifyConfig config) {
        this.log = log;
        this.metrics = metrics;
        this.config = config;
    }

    public void attempt(Notification n, Outcome outcome, int attempt, String error, String detail) {
        boolean settled = outcome == Outcome.SUCCESS || outcome == Outcome.SKIPPED;
        List<String> keys = settled && !n.test() ? n.dedupeKeys() : List.of();
        Instant now = clock.instant();
        log.append(new NotificationLog.Entry(UUID.randomUUID().toString(), n.id(), n.dedupeKey(), n.receiver(), n.kind(),
                n.group().toString(), n.alerts().size(), outcome.label(), attempt, error, detail, now), keys, now);
        metrics.count(n.receiver(), outcome);
        String receiver = LogSafe.escape(n.receiver());
        String group = LogSafe.escape(n.group());
        switch (outcome) {
            case SUCCESS -> LOG.infof("Notified %s of %s (%s, %d alerts, attempt %d): %s", receiver, group, n.kind(),
                    n.alerts().size(), attempt, LogSafe.escape(detail));
            case SKIPPED -> LOG.infof("Skipped notifying %s of %s: %s", receiver, group, LogSafe.escape(detail));
            case RETRYING -> LOG.warnf("Notifying %s of %s failed (attempt %d), retrying: %s", receiver, group, attempt,
                    LogSafe.escape(error));
            case FAILED -> LOG.errorf("Notifying %s of %s failed for good after %d attempts: %s", receiver, group, attempt,
                    LogSafe.escape(error));
        }
    }

    @Override
    public Uni<Flush> exec(Context ctx, Flush flush) {
        return Uni.createFrom().item(() -> {
            if (flush.message().isEmpty() && flush.changed()) {
                nothingDue(flush, flush.reason());
            }
            return flush;
        });
    }

    /** A group changed but nothing of it was due (already sent, acknowledged, silenced): logged as skipped. */
    void nothingDue(Flush flush, String reason) {
        log.append(new NotificationLog.Entry(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "group:" + flush.group(), flush.receiver(), "none", flush.group().toString(),
                flush.alerts().size() + flush.silenced(), Outcome.SKIPPED.label(), 0, null, reason, clock.instant()),
                List.of(), flush.at());
        metrics.count(flush.receiver(), Outcome.SKIPPED);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Duration retention = config.log().retention();
        int removed = log.purge(clock.instant().minus(retention));
        if (removed > 0) {
            LOG.infof("Removed %d notification log rows older than %s", removed, retention);
        }
    }
}
