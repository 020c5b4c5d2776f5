package io.vigil.alert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.Sample;
import io.vigil.hub.StreamEvent;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Subscribes to the hub and evaluates the alert rules on every sample and event as it arrives. Each change of an
 * alert — its state, its silence, its acknowledgement — is stored, published to the hub's {@code alerts} topic and
 * offered on {@link #changes()} to the notifier. Storage runs in order on a worker thread, never on the stream's.
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);
    public static final String TOPIC = "alerts";

    private final MetricsHub hub;
    private final RuleStore rules;
    private final AlertStore alerts;
    private final SilenceStore silences;
    private final AlertsConfig config;
    private final MeterRegistry registry;
    private final RuleEvaluator evaluator;
    private final BroadcastProcessor<Alert> changes = BroadcastProcessor.create();
    private final UnicastProcessor<Runnable> writes = UnicastProcessor.create();
    private final Map<String, Acknowledgement> acks = new ConcurrentHashMap<>();
    private final Map<String, Alert> decorated = new ConcurrentHashMap<>();
    private volatile List<Silence> silenceList = List.of();

    public AlertEngine(MetricsHub hub, RuleStore rules, AlertStore alerts, SilenceStore silences, AlertsConfig config,
            MeterRegistry registry) {
        this.hub = hub;
        this.rules = rules;
        this.alerts = alerts;
        this.silences = silences;
        this.config = config;
        this.registry = registry;
        this.evaluator = new RuleEvaluator(config.resolvedRetention(), config.absentAfter());
    }

    void start(@Observes @Priority(1200) Started event) {
        writes.emitOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(write -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.errorf("Could not store an alert change: %s", LogSafe.escape(e.getMessage()));
            }
        });
        seedRules();
        reloadRules();
        acks.putAll(alerts.acknowledgements());
        silenceList = silences.all();
        Instant now = Instant.now();
        for (Alert saved : alerts.live()) {
            evaluator.restore(saved, saved.labels().getOrDefault("source", null), now);
        }
        evaluator.alerts().forEach(a -> decorated.put(a.id(), decorate(a, now)));
        for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
            for (Severity severity : Severity.values()) {
                Gauge.builder("vigil.alerts", this, e -> e.count(state, severity))
                        .description("Alerts by state and severity")
                        .tag("state", state.name().toLowerCase()).tag("severity", severity.label())
                        .register(registry);
            }
        }
        hub.messages().subscribe().with(this::onMessage,
                failure -> LOG.error("Alert evaluation stopped", LogSafe.escape(failure)));
        LOG.infof("Alert engine evaluating %d rules", evaluator.rules().size());
    }

    private void seedRules() {
        if (config.defaultRules()) {
            // Missing default rules are added (also ones new in this version); stored ones, edited or disabled, stay.
            java.util.Set<String> stored = new java.util.HashSet<>();
            rules.all().forEach(r -> stored.add(r.rule().name()));
            try (InputStream in = getClass().getResourceAsStream("/alerts/default-rules.yaml")) {
                for (AlertRule rule : RulesFile.read(in, "default rules")) {
                    if (!stored.contains(rule.name())) {
                        rules.save(rule, "default");
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the default alert rules", e);
            }
        }
        if (config.rulesFile().isPresent()) {
            Path file = Path.of(config.rulesFile().get());
            try (InputStream in = Files.newInputStream(file)) {
                List<AlertRule> fromFile = RulesFile.read(in, file.toString());
                fromFile.forEach(rule -> rules.save(rule, "file"));
                LOG.infof("Loaded %d alert rules from %s", fromFile.size(), file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read vigil.alerts.rules-file=" + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Re-reads the stored rules into the evaluator (at start and after a REST change) and publishes the alerts that
     * ended or changed with them. A rule that cannot be read is logged and left out; it never stops the others.
     * Blocking.
     */
    public void reloadRules() {
        List<AlertRule> readable = new ArrayList<>();
        for (RuleStore.StoredRule stored : rules.all()) {
            if (stored.valid()) {
                readable.add(stored.rule());
            } else {
                LOG.warnf("Stored alert rule %s is not valid and is not evaluated: %s", LogSafe.escape(stored.rule().name()),
                        LogSafe.escape(stored.error()));
            }
        }
        publish(evaluator.setRules(readable, Instant.now()), true);
    }

    private void onMessage(HubMessage message) {
        List<Alert> changed = new ArrayList<>();
        if (message instanceof HubMessage.Update update) {
            for (Sample sample : update.update().samples()) {
                changed.addAll(evaluator.onSample(update.update().source(), sample.key(), sample.value(), sample.ts()));
            }
        } else if (message instanceof HubMessage.Event e && !TOPIC.equals(e.event().source())) {
            StreamEvent event = e.event();
            changed.addAll(evaluator.onEvent(event.source(), event.type(), event.attributes(), event.ts()));
        } else if (message instanceof HubMessage.StatusChange s) {
            Instant at = s.health().since() == null ? Instant.now() : s.health().since();
            changed.addAll(evaluator.onSourceStatus(s.health().source(), s.health().status(), s.health().optional(), at));
        }
        publish(changed, true);
    }

    @Scheduled(every = "${vigil.alerts.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = Instant.now();
        publish(evaluator.onTick(now), true);
        // Silences start and end by themselves: alerts whose muting changed are changes too.
        List<Alert> remuted = new ArrayList<>();
        for (Alert alert : evaluator.alerts()) {
            Alert before = decorated.get(alert.id());
            Alert now2 = decorate(alert, now);
            if (before != null && !java.util.Objects.equals(before.silencedBy(), now2.silencedBy())) {
                remuted.add(alert);
            }
        }
        publish(remuted, false);
    }

    private void publish(List<Alert> changed, boolean stateChanged) {
        if (changed.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (Alert raw : changed) {
            Alert alert = decorate(raw, now);
            if (alert.state() == AlertState.INACTIVE || alert.notice()) {
                decorated.remove(alert.id());
            } else {
                decorated.put(alert.id(), alert);
            }
            writes.onNext(() -> alerts.changed(alert, stateChanged));
            changes.onNext(alert);
            hub.publish(new StreamEvent(TOPIC, "ALERT", Map.of("alert", alert), now));
        }
    }

    private Alert decorate(Alert alert, Instant now) {
        String silencedBy = silenceList.stream()
                .filter(s -> s.activeAt(now) && s.matches(alert.labels()))
                .map(Silence::id).findFirst().orElse(null);
        Acknowledgement ack = alert.firedAt() == null ? null : acks.get(alert.episodeKey());
        return new Alert(alert.id(), alert.rule(), alert.severity(), alert.state(), alert.labels(), alert.annotations(),
                alert.value(), alert.activeAt(), alert.firedAt(), alert.resolvedAt(), alert.updatedAt(), alert.stale(),
                silencedBy, ack, alert.receivers(), alert.reason());
    }

    /** Every change of every alert, for the notifier. Subscribers must keep up or buffer themselves. */
    public Multi<Alert> changes() {
        return changes;
    }

    /** Alerts pending, firing or recently resolved, as the notifier and the API see them. */
    public List<Alert> current() {
        Instant now = Instant.now();
        return evaluator.alerts().stream().map(a -> decorate(a, now)).toList();
    }

    public Optional<Alert> get(String id) {
        return evaluator.get(id).map(a -> decorate(a, Instant.now()));
    }

    /** Acknowledges the alert's current firing episode. Blocking. */
    public Alert acknowledge(String id, String by, String note) {
        Alert alert = get(id).orElseThrow(() -> new IllegalArgumentException("no alert " + id));
        if (alert.firedAt() == null) {
            throw new IllegalStateException("alert " + id + " is " + alert.state() + "; only a firing alert can be acknowledged");
        }
        Acknowledgement ack = new Acknowledgement(by, Instant.now(), note);
        alerts.acknowledge(alert, ack);
        acks.put(alert.episodeKey(), ack);
        publish(List.of(alert), false);
        return get(id).orElse(alert);
    }

    /** Re-reads silences after one was added or expired, and publishes alerts whose muting changed. Blocking. */
    public void reloadSilences() {
        silenceList = silences.all();
        tick();
    }

    private double count(AlertState state, Severity severity) {
        return evaluator.alerts().stream().filter(a -> a.state() == state && a.severity() == severity).count();
    }

}
