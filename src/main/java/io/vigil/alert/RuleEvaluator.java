package io.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceStatus;

/**
 * Prometheus' alerting semantics for one set of rules, without I/O and without a clock of its own: every call says
 * what time it is. A sample that meets a rule's condition makes its alert PENDING; once the condition has held for
 * {@code for} (checked when a sample arrives, as Prometheus checks at each evaluation) the alert FIRES; when the
 * condition stops, a pending alert is dropped and a firing one keeps firing for {@code keep_firing_for}, then is
 * RESOLVED. A series whose source went down is STALE: its alert keeps its state, neither firing nor resolving, until
 * samples come again. Every call returns the alerts that changed.
 * <p>
 * Changing the rules keeps the alerts of rules whose name and labels survive, re-evaluated under the new condition
 * (as Prometheus carries alerts across a rule reload); alerts of rules that were deleted, disabled or relabelled end,
 * with the reason.
 */
public final class RuleEvaluator {

    private final Map<String, AlertRule> rules = new LinkedHashMap<>();
    private final Map<String, Instance> alerts = new HashMap<>();
    private final Duration resolvedRetention;
    private final Duration absentAfter;

    public RuleEvaluator(Duration resolvedRetention, Duration absentAfter) {
        this.resolvedRetention = resolvedRetention;
        this.absentAfter = absentAfter;
    }

    /** What the evaluator knows of one alert; mutable, private to the evaluator. */
    private static final class Instance {

        final String id;
        AlertRule rule;
        final Map<String, String> labels;
        /** The labels the alert took from its series or event, before the rule's own were added. */
        final Map<String, String> ownLabels;
        /** The series a threshold alert watches; null for event alerts and for alerts restored after a restart. */
        SeriesKey series;
        final String source;
        final boolean optionalSource;
        AlertState state = AlertState.INACTIVE;
        String reason;
        double value;
        Instant activeAt;
        Instant firedAt;
        Instant resolvedAt;
        Instant lastTrueAt;
        Instant updatedAt;
        Instant lastSeenAt;
        boolean stale;

        Instance(String id, AlertRule rule, Map<String, String> ownLabels, String source, boolean optionalSource) {
            this.id = id;
            this.rule = rule;
            this.ownLabels = ownLabels;
            this.labels = labels(rule, ownLabels, optionalSource);
            this.source = source;
            this.optionalSource = optionalSource;
        }

        Alert view() {
            Map<String, String> annotations = new LinkedHashMap<>();
            rule.annotations().forEach((k, v) -> annotations.put(k, Templates.render(v, labels, value)));
            return new Alert(id, rule.name(), rule.severityLevel(optionalSource), state, labels, annotations, value, activeAt,
                    firedAt, resolvedAt, updatedAt, stale, null, null, rule.receivers(), reason);
        }
    }

    /**
     * Replaces the rules (disabled ones included, so their alerts can say why they ended); returns the alerts that
     * changed: kept ones that the new condition fires or resolves, and those that ended with their rule.
     */
    public synchronized List<Alert> setRules(Collection<AlertRule> newRules, Instant now) {
        rules.clear();
        newRules.stream().filter(AlertRule::isEnabled).forEach(r -> rules.put(r.name(), r));
        List<String> disabled = newRules.stream().filter(r -> !r.isEnabled()).map(AlertRule::name).toList();
        List<Alert> changed = new ArrayList<>();
        var it = alerts.values().iterator();
        while (it.hasNext()) {
            Instance a = it.next();
            AlertRule next = rules.get(a.rule.name());
            if (a.rule.equals(next) || a.state == AlertState.RESOLVED || a.state == AlertState.INACTIVE) {
                continue;
            }
            AlertState before = a.state;
            if (next == null) {
                end(a, disabled.contains(a.rule.name()) ? "rule disabled" : "rule deleted", now);
            } else if (!sameAlert(a, next)) {
                end(a, "rule changed", now);
            } else {
                a.rule = next;
                reEvaluate(a, now);
            }
            if (a.state != before) {
                a.updatedAt = now;
                changed.add(a.view());
            }
            if (a.state == AlertState.INACTIVE) {
                it.remove();
            }
        }
        return changed;
    }

    /** Whether an alert is still the same alert under the edited rule: same labels, same series or event. */
    private static boolean sameAlert(Instance a, AlertRule next) {
        if (!labels(next, a.ownLabels, a.optionalSource).equals(a.labels) || a.rule.isEvent() != next.isEvent()) {
            return false;
        }
        if (next.isEvent()) {
            return next.event().equals(a.rule.event()) && (next.source() == null || next.source().equals(a.source));
        }
        return a.series == null || a.series.matches(next.selector());
    }

    /** The condition of an edited rule, applied to what the alert last saw. */
    private static void reEvaluate(Instance a, Instant now) {
        if (a.stale || (a.rule.isEvent() && !AlertRule.SOURCE_DOWN.equals(a.rule.event()))) {
            return; // a stale series waits for samples; an event alert's new firing time applies at the next tick
        }
        boolean holds = a.rule.isEvent() ? a.value == 1 : a.rule.comparison().holds(a.value, a.rule.threshold());
        if (!holds && a.lastTrueAt == null) {
            a.lastTrueAt = now;
        }
        evaluate(a, holds, now);
        if (a.state == AlertState.RESOLVED || a.state == AlertState.INACTIVE) {
            a.reason = "rule changed";
        }
    }

    /** Ends an alert that its rule no longer raises: a firing one resolves, a pending one is dropped. */
    private static void end(Instance a, String reason, Instant now) {
        a.reason = reason;
        if (a.state == AlertState.FIRING) {
            a.state = AlertState.RESOLVED;
            a.resolvedAt = now;
        } else {
            a.state = AlertState.INACTIVE;
        }
    }

    public synchronized List<AlertRule> rules() {
        return List.copyOf(rules.values());
    }

    /** A sample of a series from a source; returns the alerts whose state changed. */
    public synchronized List<Alert> onSample(String source, SeriesKey series, double value, Instant now) {
        List<Alert> changed = new ArrayList<>();
        for (AlertRule rule : rules.values()) {
            if (rule.isEvent() || !series.matches(rule.selector())) {
                continue;
            }
            String id = Fingerprint.of(rule.name(), labels(rule, series.labels(), false));
            boolean holds = rule.comparison().holds(value, rule.threshold());
            Instance alert = alerts.get(id);
            if (alert == null) {
                if (!holds) {
                    continue;
                }
                alert = new Instance(id, rule, series.labels(), source, false);
                alerts.put(id, alert);
            }
            alert.rule = rule; // the same name and labels: the alert of this rule, whatever version created it
            alert.series = series;
            alert.lastSeenAt = now;
            boolean wasStale = alert.stale;
            alert.stale = false;
            AlertState before = alert.state;
            alert.value = value;
            evaluate(alert, holds, now);
            if (alert.state != before || wasStale) {
                alert.updatedAt = now;
                changed.add(alert.view());
            }
            if (alert.state == AlertState.INACTIVE) {
                alerts.remove(id);
            }
        }
        return changed;
    }

    private static void evaluate(Instance a, boolean holds, Instant now) {
        AlertRule rule = a.rule;
        if (holds) {
            a.lastTrueAt = now;
            switch (a.state) {
                case INACTIVE, RESOLVED -> {
                    a.state = AlertState.PENDING;
                    a.activeAt = now;
                    a.firedAt = null;
                    a.resolvedAt = null;
                    a.reason = null;
                    fireIfDue(a, now);
                }
                case PENDING -> fireIfDue(a, now);
                case FIRING -> {
                }
            }
        } else {
            switch (a.state) {
                case PENDING -> a.state = AlertState.INACTIVE;
                case FIRING -> resolveIfDue(a, now);
                default -> {
                }
            }
        }
    }

    private static void fireIfDue(Instance a, Instant now) {
        if (!now.isBefore(a.activeAt.plus(a.rule.pendingFor()))) {
            a.state = AlertState.FIRING;
            a.firedAt = now;
        }
    }

    private static void resolveIfDue(Instance a, Instant now) {
        if (!now.isBefore(a.lastTrueAt.plus(a.rule.firingAfter()))) {
            a.state = AlertState.RESOLVED;
            a.resolvedAt = now;
        }
    }

    /** A stream event: fires event rules on it (SOURCE_DOWN ones wait {@code for}, see {@link #onSourceStatus}). */
    public synchronized List<Alert> onEvent(String source, String type, Map<String, Object> attributes, Instant now) {
        List<Alert> changed = new ArrayList<>();
        for (AlertRule rule : rules.values()) {
            if (!type.equals(rule.event()) || (rule.source() != null && !rule.source().equals(source))) {
                continue;
            }
            Map<String, String> eventLabels = new LinkedHashMap<>();
            eventLabels.put("source", source);
            for (String key : List.of("run_guid", "method_name", "schedule_id", "schedule_name", "execution_id", "service")) {
                Object v = attributes.get(key);
                if (v != null) {
                    eventLabels.put(key, v.toString());
                }
            }
            String id = Fingerprint.of(rule.name(), labels(rule, eventLabels, false));
            if (rule.isNotice()) {
                changed.add(notice(id, rule, eventLabels, source, now));
                continue;
            }
            Instance alert = alerts.computeIfAbsent(id, k -> new Instance(k, rule, eventLabels, source, false));
            alert.rule = rule;
            alert.value = 1;
            alert.lastSeenAt = now;
            AlertState before = alert.state;
            evaluate(alert, true, now);
            if (alert.state != before) {
                alert.updatedAt = now;
                changed.add(alert.view());
            }
        }
        return changed;
    }

    /** An event that is only to be told: it fires and resolves at once, and is not kept. */
    private static Alert notice(String id, AlertRule rule, Map<String, String> eventLabels, String source, Instant now) {
        Instance notice = new Instance(id, rule, eventLabels, source, false);
        notice.value = 1;
        notice.state = AlertState.RESOLVED;
        notice.activeAt = now;
        notice.firedAt = now;
        notice.resolvedAt = now;
        notice.updatedAt = now;
        return notice.view();
    }

    /** A source's status, down or not, as for a source that is not optional. */
    public List<Alert> onSourceStatus(String source, boolean down, Instant now) {
        return onSourceStatus(source, down ? SourceStatus.DOWN : SourceStatus.UP, false, now);
    }

    /**
     * A source's status: down makes SOURCE_DOWN rules pending (firing after {@code for}) and the source's series
     * stale; any other status resolves those alerts and lets series alerts move again (a source that is not
     * configured or is disabled is not down). A rule naming the source takes it over from rules for every source.
     */
    public synchronized List<Alert> onSourceStatus(String source, SourceStatus status, boolean optional, Instant now) {
        boolean down = status == SourceStatus.DOWN;
        List<Alert> changed = new ArrayList<>();
        boolean ownRule = rules.values().stream()
                .anyMatch(r -> AlertRule.SOURCE_DOWN.equals(r.event()) && source.equals(r.source()));
        for (AlertRule rule : rules.values()) {
            if (!AlertRule.SOURCE_DOWN.equals(rule.event()) || (rule.source() != null && !rule.source().equals(source))
                    || (rule.source() == null && ownRule)) {
                continue;
            }
            Map<String, String> own = Map.of("source", source);
            String id = Fingerprint.of(rule.name(), labels(rule, own, optional));
            Instance alert = down
                    ? alerts.computeIfAbsent(id, k -> new Instance(k, rule, own, source, optional))
                    : alerts.get(id);
            if (alert == null) {
                continue;
            }
            alert.rule = rule;
            AlertState before = alert.state;
            alert.value = down ? 1 : 0;
            alert.lastSeenAt = now;
            evaluate(alert, down, now);
            if (alert.state != before) {
                alert.updatedAt = now;
                changed.add(alert.view());
            }
            if (alert.state == AlertState.INACTIVE) {
                alerts.remove(id);
            }
        }
        for (Instance alert : alerts.values()) {
            if (!alert.rule.isEvent() && source.equals(alert.source) && alert.stale != down
                    && (alert.state == AlertState.PENDING || alert.state == AlertState.FIRING)) {
                alert.stale = down;
                alert.updatedAt = now;
                changed.add(alert.view());
            }
        }
        return changed;
    }

    /**
     * What time alone changes: SOURCE_DOWN alerts whose {@code for} has passed fire, event alerts whose firing time
     * ended resolve, series that stopped arriving while their source is up resolve, and resolved alerts are forgotten
     * after the retention.
     */
    public synchronized List<Alert> onTick(Instant now) {
        List<Alert> changed = new ArrayList<>();
        var it = alerts.values().iterator();
        while (it.hasNext()) {
            Instance a = it.next();
            AlertState before = a.state;
            if (a.rule.isEvent()) {
                boolean stillTrue = AlertRule.SOURCE_DOWN.equals(a.rule.event()) && a.value == 1;
                if (stillTrue) {
                    evaluate(a, true, now);
                } else if (a.state == AlertState.FIRING) {
                    resolveIfDue(a, now);
                }
            } else if (!a.stale && (a.state == AlertState.PENDING || a.state == AlertState.FIRING)
                    && a.lastSeenAt != null && now.isAfter(a.lastSeenAt.plus(absentAfter))) {
                // The series is gone while its source is up (a GPU removed, a pipeline retired): as Prometheus does
                // for an absent series, the condition no longer holds.
                a.lastTrueAt = a.lastSeenAt;
                evaluate(a, false, now);
                if (a.state == AlertState.FIRING) {
                    a.state = AlertState.RESOLVED;
                    a.resolvedAt = now;
                }
            }
            if (a.state != before) {
                a.updatedAt = now;
                changed.add(a.view());
            }
            if (a.state == AlertState.INACTIVE
                    || (a.state == AlertState.RESOLVED && now.isAfter(a.resolvedAt.plus(resolvedRetention)))) {
                it.remove();
            }
        }
        return changed;
    }

    public synchronized List<Alert> alerts() {
        return alerts.values().stream().map(Instance::view).toList();
    }

    public synchronized Optional<Alert> get(String id) {
        return Optional.ofNullable(alerts.get(id)).map(Instance::view);
    }

    /** Brings back an alert saved before a restart, if its rule still exists unchanged in name. */
    public synchronized void restore(Alert saved, String source, Instant now) {
        AlertRule rule = rules.get(saved.rule());
        if (rule == null || saved.state() == AlertState.INACTIVE) {
            return;
        }
        Map<String, String> own = new LinkedHashMap<>(saved.labels());
        own.keySet().removeAll(rule.labels().keySet());
        own.remove("alertname");
        own.remove("severity");
        Instance a = new Instance(saved.id(), rule, own, source, saved.severity() != rule.severityLevel());
        a.state = saved.state();
        a.value = saved.value();
        a.activeAt = saved.activeAt();
        a.firedAt = saved.firedAt();
        a.resolvedAt = saved.resolvedAt();
        a.updatedAt = saved.updatedAt();
        a.lastTrueAt = saved.updatedAt();
        a.lastSeenAt = now; // give the series time to report again before calling it absent
        a.stale = saved.stale();
        a.reason = saved.reason();
        alerts.put(a.id, a);
    }

    private static Map<String, String> labels(AlertRule rule, Map<String, String> ownLabels, boolean optionalSource) {
        Map<String, String> labels = new LinkedHashMap<>(ownLabels);
        labels.putAll(rule.labels());
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severityLevel(optionalSource).label());
        return labels;
    }
}
