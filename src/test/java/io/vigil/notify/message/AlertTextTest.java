package io.vigil.notify.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.TestAlerts;

class AlertTextTest {

    static final Instant FIRED = Instant.parse("2026-12-01T14:09:37.026338657Z");
    static final MessageContext LAB = new MessageContext("http://vigil:8080", ZoneId.of("Europe/Berlin"));

    static Alert databaseDown() {
        Alert a = TestAlerts.withLabels(TestAlerts.firing("ExperimentsDatabaseDown", "db1", Severity.CRITICAL, FIRED),
                Map.of("source", "experiments"));
        return TestAlerts.withAnnotations(a, Map.of("summary", "The experiments database is unreachable"));
    }

    @Test
    void labelsAreWrittenAsNameAndValueWithoutTheNameAndSeverity() {
        assertThat(AlertText.where(Map.of("alertname", "X", "severity", "critical", "source", "experiments", "host", "lab1")))
                .isEqualTo("host: lab1, source: experiments");
        assertThat(AlertText.where(Map.of("alertname", "X"))).isEmpty();
    }

    @Test
    void aLineHasNoBracesAndNoNanoseconds() {
        assertThat(AlertText.line(databaseDown(), LAB)).isEqualTo("[FIRING] ExperimentsDatabaseDown (critical): "
                + "The experiments database is unreachable — instance: db1, source: experiments · value 97.5"
                + " · since 2026-12-01 15:09:37 CET");
    }

    @Test
    void aBlockLinksToTheAlertAndToItsAcknowledgeForm() {
        assertThat(AlertText.block(databaseDown(), LAB, true)).isEqualTo("""
                [FIRING] ExperimentsDatabaseDown (critical): The experiments database is unreachable
                    instance: db1, source: experiments
                    since 2026-12-01 15:09:37 CET, value 97.5
                    Open:        http://vigil:8080/?alert=ExperimentsDatabaseDown%2Fdb1#alerts
                    Acknowledge: http://vigil:8080/?ack=ExperimentsDatabaseDown%2Fdb1#alerts
                """);
    }

    @Test
    void resolvedAndAcknowledgedAlertsAreNotOfferedForAcknowledging() {
        Alert resolved = TestAlerts.resolved(databaseDown(), FIRED.plusSeconds(600));
        assertThat(AlertText.block(resolved, LAB, true)).isEqualTo("""
                [RESOLVED] ExperimentsDatabaseDown (critical): The experiments database is unreachable
                    instance: db1, source: experiments
                    resolved 2026-12-01 15:19:37 CET, value 12
                    Open:        http://vigil:8080/?alert=ExperimentsDatabaseDown%2Fdb1#alerts
                """);
        Alert acked = TestAlerts.acknowledged(databaseDown(), "Olga", FIRED.plusSeconds(60));
        assertThat(AlertText.block(acked, LAB, true)).contains("    acknowledged by Olga: on it\n")
                .doesNotContain("Acknowledge:");
        assertThat(AlertText.line(acked, LAB)).endsWith(" · acknowledged by Olga");
    }

    @Test
    void aBlockWithoutLinksForAnAlertTheDashboardDoesNotKnow() {
        assertThat(AlertText.block(databaseDown(), LAB, false)).doesNotContain("http");
    }

    @Test
    void theSummaryAttachmentKeepsTheFullRecord() {
        assertThat(AlertText.details(databaseDown()))
                .contains(
                        "labels:       {alertname=\"ExperimentsDatabaseDown\", instance=\"db1\", severity=\"critical\", source=\"experiments\"}")
                .contains("firing since: 2026-12-01T14:09:37.026338657Z")
                .contains("id:           ExperimentsDatabaseDown/db1");
    }
}
