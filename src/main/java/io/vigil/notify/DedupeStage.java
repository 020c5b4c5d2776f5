package io.vigil.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.notify.log.SentLedger;
import io.vigil.notify.log.SentRecord;

/**
 * Decides, from what the ledger says was delivered, what of a group is due now, as Alertmanager's dedupe stage does:
 * <ul>
 * <li>a firing alert never sent to this receiver is due as {@code firing};</li>
 * <li>when the group's last delivery is at least the repeat interval old, every firing alert already sent is due as
 * {@code repeat-N} (N-th repeat of its episode) — except acknowledged ones;</li>
 * <li>a resolved alert whose firing was sent, and whose resolution was not, is due as {@code resolved};</li>
 * <li>a notice (an event that fired and resolved at once) never sent to this receiver is due as {@code resolved};</li>
 * <li>firing alerts already sent and not due ride along in a message that has something due, as the group's current
 * state; acknowledged ones do not.</li>
 * </ul>
 * A key is {@code episode|receiver|kind}: the same firing never goes twice to one receiver, across restarts too.
 */
@ApplicationScoped
public class DedupeStage implements Stage {

    /** The message to send, if anything is due; otherwise why not. */
    public record Plan(Optional<Notification> notification, String reason) {
    }

    private final SentLedger ledger;

    public DedupeStage(SentLedger ledger) {
        this.ledger = ledger;
    }

    /** Reads the ledger: blocking. */
    @Override
    public Uni<Flush> exec(Context ctx, Flush flush) {
        return Uni.createFrom().item(() -> {
            Plan plan = plan(flush, ledger, ctx.repeatInterval(), ctx.repeatsAcknowledged());
            return plan.notification().map(flush::due).orElseGet(() -> flush.nothingDue(plan.reason()));
        });
    }

    public static String key(Alert alert, String receiver, String kind) {
        return alert.episodeKey() + "|" + receiver + "|" + kind;
    }

    public static Plan plan(Flush flush, SentLedger ledger, Duration repeatInterval, boolean repeatAcknowledged) {
        if (flush.alerts().isEmpty()) {
            return new Plan(Optional.empty(), reason(0, 0, flush.silenced(), 0));
        }
        Map<String, List<SentRecord>> sent = ledger.sent(flush.receiver(),
                flush.alerts().stream().map(Alert::episodeKey).distinct().toList());
        return plan(flush, sent, repeatInterval, repeatAcknowledged);
    }

    static Plan plan(Flush flush, Map<String, List<SentRecord>> sent, Duration repeatInterval, boolean repeatAcknowledged) {
        String receiver = flush.receiver();
        Instant lastSent = null;
        for (Alert a : flush.alerts()) {
            if (a.state() == AlertState.FIRING && (repeatAcknowledged || !a.acknowledged())) {
                for (SentRecord r : sent.getOrDefault(a.episodeKey(), List.of())) {
                    if (r.firingOrRepeat() && (lastSent == null || r.at().isAfter(lastSent))) {
                        lastSent = r.at();
                    }
                }
            }
        }
        boolean repeatDue = lastSent != null && !flush.at().isBefore(lastSent.plus(repeatInterval));

        List<Alert> include = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        int alreadySent = 0;
        int acknowledged = 0;
        int neverNotified = 0;
        for (Alert a : flush.alerts()) {
            List<SentRecord> records = sent.getOrDefault(a.episodeKey(), List.of());
            long firings = records.stream().filter(SentRecord::firingOrRepeat).count();
            if (a.state() == AlertState.FIRING) {
                if (firings == 0) {
                    include.add(a);
                    keys.add(key(a, receiver, SentRecord.FIRING));
                    kinds.add(SentRecord.FIRING);
                } else if (a.acknowledged() && !repeatAcknowledged) {
                    acknowledged++;
                } else if (repeatDue) {
                    include.add(a);
                    keys.add(key(a, receiver, SentRecord.REPEAT + firings));
                    kinds.add("repeat");
                } else {
                    include.add(a);
                    alreadySent++;
                }
            } else if (a.state() == AlertState.RESOLVED) {
                if (records.stream().anyMatch(r -> r.kind().equals(SentRecord.RESOLVED))) {
                    alreadySent++;
                } else if (firings == 0 && !a.notice()) {
                    neverNotified++;
                } else {
                    include.add(a);
                    keys.add(key(a, receiver, SentRecord.RESOLVED));
                    kinds.add(SentRecord.RESOLVED);
                }
            }
        }
        if (keys.isEmpty()) {
            return new Plan(Optional.empty(), reason(alreadySent, acknowledged, flush.silenced(), neverNotified));
        }
        return new Plan(Optional.of(new Notification(UUID.randomUUID().toString(), flush.group(), include, keys, kinds,
                flush.at(), null)), null);
    }

    private static String reason(int alreadySent, int acknowledged, int silenced, int neverNotified) {
        List<String> parts = new ArrayList<>();
        if (alreadySent > 0) {
            parts.add(alreadySent + " already sent");
        }
        if (acknowledged > 0) {
            parts.add(acknowledged + " acknowledged");
        }
        if (silenced > 0) {
            parts.add(silenced + " silenced");
        }
        if (neverNotified > 0) {
            parts.add(neverNotified + " resolved before any firing notification");
        }
        return parts.isEmpty() ? "nothing to send" : "nothing new to send: " + String.join(", ", parts);
    }
}
