package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vigil.alert.Alert;
import io.vigil.alert.Severity;

class MessageTemplateTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static Notification of(String receiver, List<Alert> alerts) {
        return new Notification("n-1", new GroupKey(receiver, Map.of("alertname", alerts.get(0).rule())), alerts,
                List.of("k"), Set.of("firing"), T0, null);
    }

    @Test
    void rendersLabelsValueStatusAndCounts() {
        Alert a = TestAlerts.firing("HighCpu", "lab1", Severity.CRITICAL, T0);
        Alert b = TestAlerts.firing("HighCpu", "lab2", Severity.WARNING, T0);
        String out = MessageTemplate.render(
                "[{{ $status }}:{{ $count }}] {{ $labels.alertname }} on {{$labels.instance}} ({{ $severity }}) = {{ $value }}",
                of("ops", List.of(a, b)), "http://vigil");
        assertThat(out).isEqualTo("[FIRING:2] HighCpu on  (critical) = 97.5");
    }

    @Test
    void singleAlertMessagesSeeAllItsLabelsAndAnnotations() {
        Alert a = TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0);
        String out = MessageTemplate.render("{{ $labels.instance }}: {{ $annotations.summary }} <{{ $externalURL }}> to {{ $receiver }}",
                of("ops", List.of(a)), "http://vigil:8080");
        assertThat(out).isEqualTo("lab1: HighCpu on lab1 <http://vigil:8080> to ops");
    }

    @Test
    void unknownVariablesStayVisibleAndAlertsAreListedOnePerLine() {
        Alert a = TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0);
        Alert b = TestAlerts.resolved(TestAlerts.firing("HighCpu", "lab2", Severity.WARNING, T0), T0.plusSeconds(60));
        String out = MessageTemplate.render("{{ $nonsense }}|{{ $firing }}/{{ $resolved }}\n{{ $alerts }}", of("ops", List.of(a, b)), "");
        assertThat(out.lines().toList()).containsExactly(
                "{{ $nonsense }}|1/1",
                "[FIRING] HighCpu warning {instance=\"lab1\"} value=97.5 since 2026-11-25T10:00:00Z — HighCpu on lab1",
                "[RESOLVED] HighCpu warning {instance=\"lab2\"} value=12 resolved 2026-11-25T10:01:00Z — HighCpu on lab2");
    }

    @Test
    void valuesAreWrittenWithoutNoise() {
        assertThat(AlertText.value(12.0)).isEqualTo("12");
        assertThat(AlertText.value(97.3)).isEqualTo("97.3");
        assertThat(AlertText.value(0.004213456)).isEqualTo("0.00421346");
    }
}
