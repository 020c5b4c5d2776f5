package io.vigil.notify.receiver.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.GroupKey;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.message.MessageContext;

/** The parts of an alert email, composed with the shipped templates (read from application.properties). */
class EmailComposerTest {

    record EmailSettings(long maxAttachmentBytes, String subject, String body, String htmlBody, boolean attachSummary,
            Optional<List<String>> attachmentDirs) implements NotifyConfig.Email {
    }

    record ReceiverSettings(ReceiverType type, boolean enabled, Severity minSeverity, Optional<String> url,
            Optional<List<String>> to, Optional<List<String>> attachments, Optional<String> subject, Optional<String> body,
            Optional<String> htmlBody, Optional<Duration> repeatInterval) implements NotifyConfig.Receiver {

        @Override
        public Optional<String> routingKey() {
            return Optional.empty();
        }

        static ReceiverSettings of(String body, String htmlBody) {
            return new ReceiverSettings(ReceiverType.EMAIL, true, Severity.INFO, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(body), Optional.ofNullable(htmlBody),
                    Optional.empty());
        }
    }

    static final Instant FIRED = Instant.parse("2026-12-01T14:09:37.026338657Z");
    static final MessageContext LAB = new MessageContext("http://vigil.lab:8080", ZoneId.of("Europe/Berlin"));
    static EmailComposer composer;

    @BeforeAll
    static void shippedTemplates() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = EmailComposerTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        composer = new EmailComposer(new EmailSettings(65536, shipped.getProperty("vigil.notify.email.subject"),
                shipped.getProperty("vigil.notify.email.body"), shipped.getProperty("vigil.notify.email.html-body"), false,
                Optional.empty()), LAB);
    }

    static Alert databaseDown() {
        Alert a = TestAlerts.withLabels(TestAlerts.firing("ExperimentsDatabaseDown", "db1", Severity.CRITICAL, FIRED, "email"),
                Map.of("source", "experiments", "note", "<b>bold</b>"));
        return TestAlerts.withAnnotations(a, Map.of("summary", "The experiments database is unreachable"));
    }

    static Notification message(String testMessage, Alert... alerts) {
        return new Notification("n-1", new GroupKey("email", Map.of("alertname", alerts[0].rule())), List.of(alerts),
                List.of("k"), Set.of("firing"), FIRED, testMessage);
    }

    static OutgoingMail compose(Notification n, NotifyConfig.Receiver receiver) {
        return composer.compose(n, List.of("ops@lab.test"), receiver);
    }

    static List<String> lines(Element cell) {
        return cell.textNodes().stream().map(TextNode::text).toList();
    }

    @Test
    void theHtmlPartHasARowPerAlertWithReadableLabelsLabTimesAndLinks() {
        Alert resolved = TestAlerts.resolved(TestAlerts.firing("ExperimentsDatabaseDown", "db2", Severity.CRITICAL, FIRED),
                FIRED.plusSeconds(600));
        Document html = Jsoup.parse(compose(message(null, databaseDown(), resolved), ReceiverSettings.of(null, null)).html());

        assertThat(html.select("table thead th").eachText()).containsExactly("What", "Where", "Since", "Severity", "Value");
        List<Element> rows = html.select("table tbody tr");
        assertThat(rows).hasSize(2);
        List<Element> cells = rows.get(0).select("td");
        assertThat(cells.get(0).selectFirst("a").text()).isEqualTo("ExperimentsDatabaseDown");
        assertThat(cells.get(0).selectFirst("a").attr("href"))
                .isEqualTo("http://vigil.lab:8080/?alert=ExperimentsDatabaseDown%2Fdb1#alerts");
        assertThat(cells.get(0).text()).isEqualTo("FIRING ExperimentsDatabaseDown The experiments database is unreachable");
        assertThat(lines(cells.get(1))).containsExactly("instance: db1", "note: <b>bold</b>", "source: experiments");
        assertThat(cells.get(2).text()).isEqualTo("2026-12-01 15:09:37 CET");
        assertThat(cells.get(3).text()).isEqualTo("critical");
        assertThat(cells.get(4).text()).isEqualTo("97.5");
        assertThat(cells.get(5).selectFirst("a").text()).isEqualTo("Acknowledge");
        assertThat(cells.get(5).selectFirst("a").attr("href"))
                .isEqualTo("http://vigil.lab:8080/?ack=ExperimentsDatabaseDown%2Fdb1#alerts");

        List<Element> done = rows.get(1).select("td");
        assertThat(done.get(0).text()).startsWith("RESOLVED ExperimentsDatabaseDown");
        assertThat(lines(done.get(2))).containsExactly("2026-12-01 15:09:37 CET", "resolved 2026-12-01 15:19:37 CET");
        assertThat(done.get(5).select("a")).isEmpty();

        assertThat(html.select("p a").attr("href")).isEqualTo("http://vigil.lab:8080/#alerts");
    }

    @Test
    void userDataIsTextNeverMarkupAndNothingIsLoadedFromElsewhere() {
        Alert a = TestAlerts.withAnnotations(databaseDown(), Map.of("summary", "<script>alert('x')</script>"));
        String raw = compose(message(null, a), ReceiverSettings.of(null, null)).html();
        Document html = Jsoup.parse(raw);

        assertThat(html.select("script, b")).isEmpty();
        assertThat(html.select("tbody td").get(0).text()).endsWith("<script>alert('x')</script>");
        assertThat(raw).contains("note: &lt;b&gt;bold&lt;/b&gt;");
        assertThat(html.select("link, style, img, iframe, object, [src], [background]")).isEmpty();
        assertThat(html.select("[href]").eachAttr("href")).allMatch(h -> h.startsWith("http://vigil.lab:8080/"));
    }

    @Test
    void theTextPartReadsLikeAPersonWroteIt() {
        String text = compose(message(null, databaseDown()), ReceiverSettings.of(null, null)).text();
        assertThat(text).isEqualTo("""
                Vigil reports 1 firing and 0 resolved alert(s).

                [FIRING] ExperimentsDatabaseDown (critical): The experiments database is unreachable
                    instance: db1, note: <b>bold</b>, source: experiments
                    since 2026-12-01 15:09:37 CET, value 97.5
                    Open:        http://vigil.lab:8080/?alert=ExperimentsDatabaseDown%2Fdb1#alerts
                    Acknowledge: http://vigil.lab:8080/?ack=ExperimentsDatabaseDown%2Fdb1#alerts

                All active alerts: http://vigil.lab:8080/#alerts
                """);
    }

    @Test
    void aReceiversHtmlTemplateGetsEscapedValuesAndTheAlertsTable() {
        Alert a = TestAlerts.withAnnotations(databaseDown(), Map.of("summary", "<i>down</i>"));
        Document html = Jsoup.parse(compose(message(null, a),
                ReceiverSettings.of(null, "<h1>{{ $annotations.summary }}</h1>{{ $alertsTable }}<p>Call {{ $receiver }}</p>"))
                .html());
        assertThat(html.select("h1").text()).isEqualTo("<i>down</i>");
        assertThat(html.select("i")).isEmpty();
        assertThat(html.select("table tbody tr")).hasSize(1);
        assertThat(html.select("p").text()).isEqualTo("Call email");
    }

    @Test
    void aReceiverThatChangedOnlyItsTextShowsThatTextInTheHtmlPartToo() {
        OutgoingMail mail = compose(message(null, databaseDown()),
                ReceiverSettings.of("Call Olga <now>: {{ $labels.alertname }}", null));
        assertThat(mail.text()).isEqualTo("Call Olga <now>: ExperimentsDatabaseDown");
        Document html = Jsoup.parse(mail.html());
        assertThat(html.select("table")).isEmpty();
        assertThat(html.body().text()).isEqualTo("Call Olga <now>: ExperimentsDatabaseDown");
    }

    @Test
    void aTestNotificationSaysSoInBothPartsAndLinksToNoAlert() {
        OutgoingMail mail = compose(message("is the mail server alive?", databaseDown()), ReceiverSettings.of(null, null));
        assertThat(mail.subject()).startsWith("[TEST] ");
        assertThat(mail.text()).startsWith("Test notification from Vigil: is the mail server alive?\n\n")
                .doesNotContain("?alert=");
        Document html = Jsoup.parse(mail.html());
        assertThat(html.select("p").first().text()).isEqualTo("Test notification from Vigil: is the mail server alive?");
        assertThat(html.select("table a")).isEmpty();
    }
}
