package io.vigil.notify.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.log.LogSafe;
import io.vigil.notify.Flush;
import io.vigil.notify.FlushResult;
import io.vigil.notify.GroupKey;

/**
 * Alertmanager's aggregation groups: alerts of one receiver with equal group-by labels gather in one group. A new
 * group waits {@code group_wait}, then flushes everything it holds as one message; after that it flushes every
 * {@code group_interval}, and the flush (the pipeline behind {@code flusher}) decides from the notification log whether
 * anything is due — new alerts, resolutions, or a repeat once {@code repeat_interval} has passed. One flush of a group
 * runs at a time; the next is timed from the start of the previous one. Resolved alerts leave the group once a flush
 * has dealt with them; an empty group is forgotten.
 *
 * <p>
 * The state is owned by this object and guarded by its lock; nothing here blocks: flushes run on the flusher's threads
 * and their end comes back through {@link #flushed}.
 */
public final class Aggregator {

    private static final Logger LOG = Logger.getLogger(Aggregator.class);

    private final Duration groupWait;
    private final Duration groupInterval;
    private final List<String> groupBy;
    private final Clock clock;
    private final Timers timers;
    private final Function<Flush, Uni<FlushResult>> flusher;
    private final Map<GroupKey, Group> groups = new HashMap<>();
    private boolean stopped;

    public Aggregator(Duration groupWait, Duration groupInterval, List<String> groupBy, Clock clock, Timers timers,
            Function<Flush, Uni<FlushResult>> flusher) {
        this.groupWait = groupWait;
        this.groupInterval = groupInterval;
        this.groupBy = List.copyOf(groupBy);
        this.clock = clock;
        this.timers = timers;
        this.flusher = flusher;
    }

    /** Adds a firing or resolved alert, or a newer version of one, to the receiver's group for it. */
    public synchronized void add(String receiver, Alert alert) {
        if (stopped || (alert.state() != AlertState.FIRING && alert.state() != AlertState.RESOLVED)) {
            return;
        }
        GroupKey key = new GroupKey(receiver, groupLabels(alert));
        Group group = groups.get(key);
        if (group == null) {
            group = new Group(key);
            groups.put(key, group);
            schedule(group, groupWait);
        }
        Alert previous = group.alerts.put(alert.episodeKey(), alert);
        if (previous == null || notificationRelevantChange(previous, alert)) {
            group.changed = true;
        }
    }

    /** The group-by labels of an alert; {@code ...} groups by all of them. Labels the alert lacks are left out. */
    Map<String, String> groupLabels(Alert alert) {
        if (groupBy.contains("...")) {
            return alert.labels();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : groupBy) {
            String value = alert.labels().get(name);
            if (value != null) {
                labels.put(name, value);
            }
        }
        return labels;
    }

    private static boolean notificationRelevantChange(Alert before, Alert after) {
        return before.state() != after.state() || before.acknowledged() != after.acknowledged()
                || !Objects.equals(before.silencedBy(), after.silencedBy());
    }

    private void schedule(Group group, Duration delay) {
        group.timer = timers.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> flush(group));
    }

    private synchronized void flush(Group group) {
        group.timer = null;
        if (stopped || groups.get(group.key) != group) {
            return;
        }
        if (group.alerts.isEmpty()) {
            groups.remove(group.key);
            return;
        }
        List<Alert> snapshot = new ArrayList<>(group.alerts.values());
        boolean changed = group.changed;
        group.changed = false;
        Instant started = clock.instant();
        Uni<FlushResult> result;
        try {
            result = flusher.apply(new Flush(group.key, snapshot, 0, changed, started));
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        result.subscribe().with(r -> flushed(group, snapshot, changed, started, r), failure -> {
            LOG.errorf(LogSafe.escape(failure), "Flushing the notification group %s failed", LogSafe.escape(group.key));
            flushed(group, snapshot, changed, started, FlushResult.FAILED);
        });
    }

    private synchronized void flushed(Group group, List<Alert> snapshot, boolean changed, Instant started, FlushResult result) {
        if (result == FlushResult.FAILED) {
            group.changed |= changed;
        } else {
            for (Alert a : snapshot) {
                if (a.state() == AlertState.RESOLVED && group.alerts.get(a.episodeKey()) == a) {
                    group.alerts.remove(a.episodeKey());
                }
            }
        }
        if (stopped || groups.get(group.key) != group) {
            return;
        }
        if (group.alerts.isEmpty()) {
            groups.remove(group.key);
            return;
        }
        schedule(group, Duration.between(clock.instant(), started.plus(groupInterval)));
    }

    /** Number of live groups. */
    public synchronized int groupCount() {
        return groups.size();
    }

    /** Cancels every timer; flushes in flight finish, nothing new starts. */
    public synchronized void stop() {
        stopped = true;
        groups.values().forEach(g -> {
            if (g.timer != null) {
                g.timer.cancel();
            }
        });
        groups.clear();
    }

    private static final class Group {

        final GroupKey key;
        final Map<String, Alert> alerts = new LinkedHashMap<>();
        boolean changed;
        Cancellable timer;

        Group(GroupKey key) {
            this.key = key;
        }
    }
}
