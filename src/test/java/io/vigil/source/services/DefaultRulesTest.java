package io.vigil.source.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertRule;
import io.vigil.alert.AlertState;
import io.vigil.alert.RuleEvaluator;
import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ServiceTarget;

/**
 * The default rules on the source's own samples, time passed in: PeerServiceDown fires 30 s after the third failed
 * check (seed 003), never for a peer that failed once or twice; CertificateExpiresSoon and PeerServiceSlow too.
 */
class DefaultRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final RuleEvaluator evaluator = new RuleEvaluator(Duration.ofMinutes(15), Duration.ofMinutes(5));
    private final ServiceBoard board = new ServiceBoard(3, 2, Duration.ofMinutes(5), 10);
    private final ServiceTarget peer = Targets.http("billing", "http://billing:8080/health", Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    @BeforeEach
    void defaultRules() throws Exception {
        // Read as Vigil reads the file (JSON settings: snake_case, durations), the services rules only.
        YAMLMapper yaml = io.vigil.web.JsonSettings.apply(new YAMLMapper());
        List<AlertRule> rules = new ArrayList<>();
        try (var in = DefaultRulesTest.class.getResourceAsStream("/alerts/default-rules.yaml")) {
            for (JsonNode rule : yaml.readTree(in).get("rules")) {
                if (rule.path("series").asText().startsWith("services.")) {
                    rules.add(yaml.treeToValue(rule, AlertRule.class).validate());
                }
            }
        }
        assertThat(rules).extracting(AlertRule::name).containsExactlyInAnyOrder("PeerServiceDown", "PeerServiceSlow",
                "CertificateExpiresSoon");
        evaluator.setRules(rules, T0);
    }

    /** One check at {@code second} (if due) and a report then, fed to the rules; the alerts that changed. */
    private List<Alert> at(int second, boolean ok, Duration responseTime, Instant certificateNotAfter) {
        Instant now = T0.plusSeconds(second);
        for (ServiceTarget due : board.due(List.of(peer), now)) {
            board.record(due,
                    new CheckResult(due.name(), ok, ok ? 200 : null, responseTime, null, null, null, certificateNotAfter,
                            ok ? null : "cannot connect: Connection refused", now));
        }
        SourceUpdate update = board.report(now);
        List<Alert> changed = new ArrayList<>();
        for (Sample s : update.samples()) {
            changed.addAll(evaluator.onSample("services", s.key(), s.value(), now));
        }
        changed.addAll(evaluator.onTick(now));
        return changed;
    }

    private List<Alert> firing(String rule) {
        return evaluator.alerts().stream().filter(a -> a.rule().equals(rule) && a.state() == AlertState.FIRING).toList();
    }

    @Test
    void peerServiceDownFires30SecondsAfterThePeerWentDown() {
        at(0, true, Duration.ofMillis(20), null);
        at(10, false, null, null);
        at(20, false, null, null);
        at(30, true, Duration.ofMillis(20), null);
        for (int s = 40; s <= 60; s += 10) {
            at(s, false, null, null);
        }
        assertThat(firing("PeerServiceDown")).as("down at 60 s").isEmpty();
        for (int s = 61; s < 90; s++) {
            at(s, false, null, null);
        }
        assertThat(firing("PeerServiceDown")).isEmpty();
        at(90, false, null, null);
        assertThat(firing("PeerServiceDown")).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("service", "billing").containsEntry("severity", "critical");
            assertThat(a.annotations().get("summary")).isEqualTo("billing is not answering");
        });
        at(100, true, Duration.ofMillis(20), null);
        assertThat(firing("PeerServiceDown")).as("one success is not enough").hasSize(1);
        at(110, true, Duration.ofMillis(20), null);
        assertThat(firing("PeerServiceDown")).isEmpty();
    }

    @Test
    void aCertificateExpiringIn5DaysFiresCertificateExpiresSoon() {
        at(0, true, Duration.ofMillis(20), T0.plus(Duration.ofDays(5)));
        assertThat(firing("CertificateExpiresSoon")).singleElement()
                .satisfies(a -> assertThat(a.labels()).containsEntry("service", "billing"));
    }

    @Test
    void slowAnswersFor5MinutesFirePeerServiceSlow() {
        for (int s = 0; s < 300; s += 10) {
            at(s, true, Duration.ofSeconds(3), null);
        }
        assertThat(firing("PeerServiceSlow")).isEmpty();
        at(300, true, Duration.ofSeconds(3), null);
        assertThat(firing("PeerServiceSlow")).hasSize(1);
    }
}
