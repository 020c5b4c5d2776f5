package io.vigil.notify.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.GroupKey;
import io.vigil.notify.Notification;
import io.vigil.notify.TestAlerts;

class MessageTemplateTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final MessageContext LAB = new MessageContext("http://vigil", ZoneId.of("Europe/Berlin"));

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
                of("ops", List.of(a, b)), LAB);
        assertThat(out).isEqualTo("[FIRING:2] HighCpu on  (critical) = 97.5");
    }

    @Test
    void singleAlertMessagesSeeAllItsLabelsAndAnnotations() {
        Alert a = TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0);
        String out = MessageTemplate.render(
                "{{ $labels.instance }}: {{ $annotations.summary }} <{{ $externalURL }}> to {{ $receiver }}",
                of("ops", List.of(a)), new MessageContext("http://vigil:8080", ZoneId.of("UTC")));
        assertThat(out).isEqualTo("lab1: HighCpu on lab1 <http://vigil:8080> to ops");
    }

    @Test
    void unknownVariablesStayVisibleAndAlertsAreListedReadably() {
        Alert a = TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0);
        Alert b = TestAlerts.resolved(TestAlerts.firing("HighCpu", "lab2", Severity.WARNING, T0), T0.plusSeconds(60));
        String out = MessageTemplate.render("{{ $nonsense }}|{{ $firing }}/{{ $resolved }}\n{{ $alerts }}",
                of("ops", List.of(a, b)), LAB);
        assertThat(out).isEqualTo("""
                {{ $nonsense }}|1/1
                [FIRING] HighCpu (warning): HighCpu on lab1
                    instance: lab1
                    since 2026-11-25 11:00:00 CET, value 97.5
                    Open:        http://vigil/?alert=HighCpu%2Flab1#alerts
                    Acknowledge: http://vigil/?ack=HighCpu%2Flab1#alerts

                [RESOLVED] HighCpu (warning): HighCpu on lab2
                    instance: lab2
                    resolved 2026-11-25 11:01:00 CET, value 12
                    Open:        http://vigil/?alert=HighCpu%2Flab2#alerts""");
    }

    @Test
    void forMarkupValuesAreEscapedAndMarkupVariablesAreNot() {
        Alert a = TestAlerts.withAnnotations(TestAlerts.firing("HighCpu", "<b>lab1</b>", Severity.WARNING, T0),
                Map.of("summary", "CPU \"hot\" & <script>alert(1)</script>"));
        String out = MessageTemplate.render(
                "<p title=\"{{ $annotations.summary }}\">{{ $labels.instance }}</p>{{ $table }}{{ $other }}",
                of("ops", List.of(a)), LAB,
                s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"),
                Map.of("table", "<table></table>"));
        assertThat(out).isEqualTo(
                "<p title=\"CPU &quot;hot&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;lab1&lt;/b&gt;</p>"
                        + "<table></table>{{ $other }}");
    }

    @Test
    void valuesAreWrittenWithoutNoise() {
        assertThat(AlertText.value(12.0)).isEqualTo("12");
        assertThat(AlertText.value(97.3)).isEqualTo("97.3");
        assertThat(AlertText.value(0.004213456)).isEqualTo("0.00421346");
    }

    /** An event rule's notice (fired and resolved at once) is an event, never "resolved": nothing had been firing. */
    @Test
    void aNoticeReadsAsAnEventNotAsAResolvedAlert() {
        Alert notice = TestAlerts.withAnnotations(TestAlerts.resolved(
                TestAlerts.firing("ExecutionFailed", "plating", Severity.WARNING, T0), T0), Map.of("summary", "Plating failed"));
        assertThat(notice.notice()).isTrue();
        Notification n = of("ops", List.of(notice));
        assertThat(MessageTemplate.render("[{{ $status }}:{{ $count }}] {{ $labels.alertname }}", n, LAB))
                .isEqualTo("[NOTICE:1] ExecutionFailed");
        assertThat(MessageTemplate
                .render("Vigil reports {{ $tally }}.|{{ $firing }}/{{ $resolved }}/{{ $notices }}\n{{ $alerts }}", n, LAB))
                .isEqualTo("""
                        Vigil reports 1 event.|0/0/1
                        [NOTICE] ExecutionFailed (warning): Plating failed
                            instance: plating
                            at 2026-11-25 11:00:00 CET, value 12
                            Open:        http://vigil/?alert=ExecutionFailed%2Fplating#alerts""");

        Alert firing = TestAlerts.firing("HighCpu", "lab1", Severity.WARNING, T0);
        assertThat(MessageTemplate.render("{{ $status }}: {{ $tally }}", of("ops", List.of(firing, notice)), LAB))
                .isEqualTo("FIRING: 1 firing and 0 resolved alert(s), and 1 event");
        assertThat(MessageTemplate.render("{{ $tally }}", of("ops", List.of(firing)), LAB))
                .isEqualTo("1 firing and 0 resolved alert(s)");
    }
}
