package io.vigil.notify.receiver.email;

import static io.restassured.RestAssured.given;
import static io.vigil.notify.TestAlerts.firing;
import static io.vigil.notify.TestAlerts.resolved;
import static io.vigil.notify.TestAlerts.silenced;
import static io.vigil.notify.TestAlerts.withAnnotations;
import static io.vigil.notify.TestAlerts.withLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.NotificationPipeline;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.contacts.ContactStore;
import io.vigil.notify.dispatch.NotificationDispatcher;
import io.vigil.notify.dispatch.Timers;
import io.vigil.notify.log.NotificationLog;
import io.vigil.store.VigilDatabase;
import io.vigil.testing.ManualClock;
import io.vigil.testing.SharedServers;

/** Email through a real SMTP server (GreenMail on 3025): recipients, templates, attachments, outages, settings. */
@QuarkusTest
@TestProfile(SharedServers.class)
class EmailNotificationsTest {

    /**
     * One server for the whole class: the shared app keeps sending in the background (other tests' alerts repeat), and
     * a send caught by a restart of the server between two tests would hang until its attempt times out. Each test
     * reads only the messages of its own rule.
     */
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    /**
     * Upper bound for a delivery: one SMTP exchange on a loaded machine can stall until its attempt times out (20 s in
     * the test profile) and be retried. Awaitility returns as soon as the mail is there, so this costs nothing when it
     * works.
     */
    static final Duration DELIVERY = Duration.ofSeconds(50);

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    NotificationLog log;

    @Inject
    ContactStore contacts;

    @Inject
    SmtpSettingsStore settings;

    @Inject
    VigilDatabase database;

    final List<Alert> accepted = new ArrayList<>();

    @BeforeEach
    void threeContacts() {
        settings.clear();
        contacts.all().forEach(c -> contacts.delete(c.id()));
        contact("Olga Ops", "ops@lab.test", "critical");
        contact("Lars Lab", "lab@lab.test", "warning");
        contact("Nina Night", "night@lab.test", "info");
    }

    @AfterEach
    void quiet() {
        accepted.forEach(a -> dispatcher.accept(silenced(a, "end-of-test")));
        settings.clear();
    }

    static void contact(String name, String email, String minSeverity) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", email, "min_severity", minSeverity))
                .post("/api/v1/contacts").then().statusCode(201);
    }

    static String rule(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void accept(Alert alert) {
        accepted.add(alert);
        dispatcher.accept(alert);
    }

    /**
     * The firing email's delivery on record: one, whatever else the log holds (a stalled attempt retried, the repeats
     * of an alert left firing while the test waits).
     */
    List<NotificationLog.Entry> delivered(String rule) {
        return logOf(rule).stream().filter(e -> e.kind().equals("firing") && e.outcome().equals("success")).toList();
    }

    List<NotificationLog.Entry> logOf(String rule) {
        return log.recent(1000, "email").stream().filter(e -> e.groupKey().contains(rule)).toList();
    }

    @Test
    void aWarningGoesOnceToTheContactsWhoTakeWarnings() throws Exception {
        String rule = rule("HighCpu");
        accept(firing(rule, "lab1", Severity.WARNING, Instant.now(), "email"));
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() == 2);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> Mails.withSubject(greenMail, rule).size() == 2);

        assertThat(Mails.distinct(greenMail, rule)).hasSize(1);
        MimeMessage mail = Mails.withSubject(greenMail, rule).get(0);
        assertThat(Mails.subject(mail)).isEqualTo("[FIRING:1] " + rule + " (warning)");
        assertThat(Mails.to(mail)).containsExactlyInAnyOrder("lab@lab.test", "night@lab.test");
        assertThat(Mails.from(mail)).isEqualTo("vigil@test.local");
        String text = Mails.text(mail);
        assertThat(text).startsWith("Vigil reports 1 firing and 0 resolved alert(s).\n\n"
                + "[FIRING] " + rule + " (warning): " + rule + " on lab1\n"
                + "    instance: lab1\n"
                + "    since ")
                .contains("All active alerts: http://localhost:8080/#alerts")
                .doesNotContain("Attachments left out");
        Map<String, String> attachments = Mails.attachments(mail);
        assertThat(attachments).containsOnlyKeys("alerts-summary.txt");
        assertThat(attachments.get("alerts-summary.txt")).contains("alert:        " + rule)
                .contains("labels:       {alertname=\"" + rule + "\", instance=\"lab1\", severity=\"warning\"}")
                .contains("annotation:   description: value above threshold");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(delivered(rule)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("success");
            assertThat(e.detail()).startsWith("to lab@lab.test, night@lab.test via quarkus.mailer");
        }));
    }

    @Test
    void aCriticalStormIsOneEmailToEveryone() throws Exception {
        String rule = rule("PeerDown");
        Instant now = Instant.now();
        for (int i = 0; i < 100; i++) {
            accept(firing(rule, "peer-" + i, Severity.CRITICAL, now, "email"));
        }
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() == 3);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> Mails.withSubject(greenMail, rule).size() == 3);
        List<MimeMessage> distinct = Mails.distinct(greenMail, rule);
        assertThat(distinct).hasSize(1);
        assertThat(Mails.subject(distinct.get(0))).isEqualTo("[FIRING:100] " + rule + " (critical)");
        assertThat(Mails.to(distinct.get(0))).containsExactlyInAnyOrder("ops@lab.test", "lab@lab.test", "night@lab.test");
        assertThat(Mails.text(distinct.get(0)).lines().filter(l -> l.startsWith("[FIRING] " + rule))).hasSize(100);
    }

    @Test
    void attachmentsBeyondTheSizeGuardAreLeftOutAndTheBodySaysSo() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-attachments"));
        Path small = Files.writeString(dir.resolve("run-" + UUID.randomUUID() + ".log"), "line\n".repeat(400));
        Path big = Files.write(dir.resolve("big.trc"), new byte[100 * 1024]);
        String rule = rule("RunAborted");
        accept(withAnnotations(firing(rule, "venus", Severity.CRITICAL, Instant.now(), "email"), Map.of("summary", "run aborted",
                "attachments", small.toAbsolutePath() + ", " + big.toAbsolutePath() + ",/etc/hostname")));
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() >= 3);

        MimeMessage mail = Mails.withSubject(greenMail, rule).get(0);
        assertThat(Mails.attachments(mail)).containsOnlyKeys("alerts-summary.txt", small.getFileName().toString());
        assertThat(Mails.attachments(mail).get(small.getFileName().toString())).isEqualTo("line\n".repeat(400));
        assertThat(Mails.text(mail)).contains("Attachments left out:\n"
                + "omitted: big.trc (100 KB) exceeds the 64 KB limit\n"
                + "omitted: /etc/hostname is not in an allowed attachment directory");
    }

    @Test
    void aReceiverHasItsOwnAddressesFilesAndSubject() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-attachments"));
        Files.writeString(dir.resolve("shift-notes.txt"), "Robot 2 is being calibrated tonight.");
        String rule = rule("Calibration");
        accept(firing(rule, "robot2", Severity.INFO, Instant.now(), "shift-email"));
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() >= 2);

        MimeMessage mail = Mails.withSubject(greenMail, rule).get(0);
        assertThat(Mails.subject(mail)).isEqualTo("Vigil " + rule + ": " + rule + " on robot2");
        assertThat(Mails.to(mail)).containsExactly("shift@lab.test", "night@lab.test");
        assertThat(Mails.attachments(mail)).containsOnlyKeys("alerts-summary.txt", "shift-notes.txt")
                .containsEntry("shift-notes.txt", "Robot 2 is being calibrated tonight.");
    }

    @Test
    void anSmtpServerThatIsDownDelaysTheEmailButDoesNotLoseIt() throws Exception {
        greenMail.stop();
        String rule = rule("DiskFull");
        accept(firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "email"));
        await().atMost(DELIVERY).until(() -> logOf(rule).stream().filter(e -> e.outcome().equals("retrying")).count() >= 2);
        assertThat(logOf(rule).get(0).error()).isNotBlank();

        greenMail.start();
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() == 3);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> Mails.withSubject(greenMail, rule).size() == 3);
        await().atMost(DELIVERY).until(() -> logOf(rule).get(0).outcome().equals("success"));
        NotificationLog.Entry last = logOf(rule).get(0);
        assertThat(last.attempt()).isGreaterThanOrEqualTo(3);
        assertThat(logOf(rule)).extracting(NotificationLog.Entry::notificationId).containsOnly(last.notificationId());
    }

    @Test
    void storedSettingsTakePrecedenceAndThePasswordNeverLeaves() throws Exception {
        greenMail.setUser("alerts@lab.test", "vigil", "s3cret");
        given().contentType(ContentType.JSON)
                .body("{\"host\": \"localhost\", \"port\": 3025, \"tls\": \"none\", \"from\": \"alerts@lab.test\","
                        + " \"username\": \"vigil\", \"password\": \"s3cret\"}")
                .put("/api/v1/notification-settings")
                .then().statusCode(200)
                .body("source", equalTo("database"))
                .body("host", equalTo("localhost"))
                .body("port", equalTo(3025))
                .body("tls", equalTo("none"))
                .body("password_set", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body(not(containsString("s3cret")));
        given().get("/api/v1/notification-settings").then().statusCode(200)
                .body("source", equalTo("database"))
                .body("password_set", equalTo(true))
                .body(not(containsString("s3cret")));
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT password_cipher FROM notification_settings")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("s3cret");
        }

        String rule = rule("ViaStored");
        accept(firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "email"));
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() >= 3);
        assertThat(Mails.from(Mails.withSubject(greenMail, rule).get(0))).isEqualTo("alerts@lab.test");
        assertThat(Mails.alternatives(Mails.withSubject(greenMail, rule).get(0)).keySet()).containsExactly("text/plain",
                "text/html");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(delivered(rule)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("via smtp localhost:3025 (stored settings)")));

        given().contentType(ContentType.JSON)
                .body("{\"host\": \"localhost\", \"port\": 3025, \"tls\": \"none\", \"from\": \"alerts@lab.test\","
                        + " \"username\": \"vigil\", \"password\": \"wrong\"}")
                .put("/api/v1/notification-settings").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"receiver\": \"email\"}").post("/api/v1/notifications/test")
                .then().statusCode(200)
                .body("results[0].outcome", equalTo("failed"))
                .body("results[0].error", not(containsString("wrong")));

        given().delete("/api/v1/notification-settings").then().statusCode(200)
                .body("source", equalTo("configuration"))
                .body("from", equalTo("vigil@test.local"))
                .body("port", equalTo(3025));
        String back = rule("ViaConfig");
        accept(firing(back, "lab1", Severity.CRITICAL, Instant.now(), "email"));
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, back).size() >= 3);
        assertThat(Mails.from(Mails.withSubject(greenMail, back).get(0))).isEqualTo("vigil@test.local");
        assertThat(Mails.alternatives(Mails.withSubject(greenMail, back).get(0)).keySet()).containsExactly("text/plain",
                "text/html");
    }

    @Test
    void settingsAndContactsNameTheFieldTheyRefuse() {
        given().contentType(ContentType.JSON)
                .body("{\"host\": \"smtp\", \"port\": 25, \"tls\": \"ssl3\", \"from\": \"a@b.test\"}")
                .put("/api/v1/notification-settings")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("tls:"));
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "email", "not-an-address", "min_severity", "info"))
                .post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("email: 'not-an-address' is not an email address"));
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "email", "x@lab.test", "min_severity", "urgent"))
                .post("/api/v1/contacts")
                .then().statusCode(400).body("detail", startsWith("min_severity:"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Again", "email", "ops@lab.test"))
                .post("/api/v1/contacts")
                .then().statusCode(400).body("detail", startsWith("email: another contact already has"));
    }

    @Test
    void contactsCanBeReadChangedAndRemoved() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "Temp", "email", "temp@lab.test"))
                .post("/api/v1/contacts")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/contacts/" + given().get("/api/v1/contacts")
                        .then().extract().path("find { it.email == 'temp@lab.test' }.id")))
                .body("min_severity", equalTo("warning"))
                .extract().path("id");
        given().get("/api/v1/contacts/" + id).then().statusCode(200).body("name", equalTo("Temp"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Tempo", "email", "tempo@lab.test", "min_severity", "critical"))
                .put("/api/v1/contacts/" + id)
                .then().statusCode(200).body("email", equalTo("tempo@lab.test")).body("min_severity", equalTo("critical"));
        given().get("/api/v1/contacts").then().statusCode(200).body("size()", equalTo(4));
        given().delete("/api/v1/contacts/" + id).then().statusCode(204);
        given().get("/api/v1/contacts/" + id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/contacts/" + id).then().statusCode(404);
    }

    @Test
    void aTestNotificationReachesEveryContact() throws Exception {
        given().contentType(ContentType.JSON).body("{\"receiver\": \"email\", \"message\": \"is the mail server alive?\"}")
                .post("/api/v1/notifications/test")
                .then().statusCode(200)
                .body("results[0].receiver", equalTo("email"))
                .body("results[0].outcome", equalTo("success"));
        java.util.function.Supplier<List<MimeMessage>> mine = () -> Mails.withSubject(greenMail, "[TEST]").stream()
                .filter(m -> {
                    try {
                        return Mails.text(m).contains("is the mail server alive?");
                    } catch (Exception e) {
                        return false;
                    }
                }).toList();
        await().atMost(DELIVERY).until(() -> mine.get().size() >= 3);
        MimeMessage mail = mine.get().get(0);
        assertThat(Mails.to(mail)).containsExactlyInAnyOrder("ops@lab.test", "lab@lab.test", "night@lab.test");
        assertThat(Mails.text(mail)).startsWith("Test notification from Vigil: is the mail server alive?");
        Document html = Jsoup.parse(Mails.html(mail));
        assertThat(html.select("p").first().text()).isEqualTo("Test notification from Vigil: is the mail server alive?");
        assertThat(html.select("table tbody tr td").first().text()).contains("VigilTestNotification");
    }

    /**
     * The email lab staff read first: an HTML part beside the text, a table row per alert with its labels written for
     * people, the time in the lab's zone (Europe/Berlin in the test profile) and links to the dashboard.
     */
    @Test
    void anAlertEmailHasAReadableHtmlPartThatLinksToTheDashboard() throws Exception {
        String rule = rule("ExperimentsDatabaseDown");
        Alert alert = withAnnotations(withLabels(firing(rule, "db1", Severity.CRITICAL,
                Instant.parse("2026-12-01T14:09:37.026338657Z"), "email"),
                Map.of("source", "experiments", "note", "<b>bold</b>")),
                Map.of("summary", "The experiments database is unreachable"));
        accept(alert);
        await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() >= 3);

        Map<String, String> parts = Mails.alternatives(Mails.withSubject(greenMail, rule).get(0));
        assertThat(parts.keySet()).containsExactly("text/plain", "text/html");
        Document html = Jsoup.parse(parts.get("text/html"));
        assertThat(html.select("table tbody tr")).hasSize(1);
        List<Element> cells = html.select("table tbody tr td");
        assertThat(cells.get(0).text()).isEqualTo("FIRING " + rule + " The experiments database is unreachable");
        assertThat(cells.get(1).textNodes()).extracting(TextNode::text)
                .containsExactly("instance: db1", "note: <b>bold</b>", "source: experiments");
        assertThat(cells.get(2).text()).isEqualTo("2026-12-01 15:09:37 CET");
        assertThat(cells.get(3).text()).isEqualTo("critical");
        assertThat(cells.get(4).text()).isEqualTo("97.5");
        assertThat(html.select("b, script")).isEmpty();

        String id = URLEncoder.encode(alert.id(), StandardCharsets.UTF_8);
        String open = cells.get(0).selectFirst("a").attr("href");
        String ack = cells.get(5).selectFirst("a[href]").attr("href");
        assertThat(open).isEqualTo("http://localhost:8080/?alert=" + id + "#alerts");
        assertThat(ack).isEqualTo("http://localhost:8080/?ack=" + id + "#alerts");
        for (String link : List.of(open, ack)) {
            URI uri = URI.create(link);
            given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery())
                    .then().statusCode(200).contentType(containsString("text/html")).body(containsString("id=\"alerts\""));
        }

        assertThat(parts.get("text/plain"))
                .contains("[FIRING] " + rule + " (critical): The experiments database is unreachable\n"
                        + "    instance: db1, note: <b>bold</b>, source: experiments\n"
                        + "    since 2026-12-01 15:09:37 CET, value 97.5\n"
                        + "    Open:        " + open + "\n"
                        + "    Acknowledge: " + ack + "\n")
                .doesNotContain("{").doesNotContain("14:09:37.026");
    }

    @Inject
    NotifyConfig config;

    @Inject
    NotificationPipeline pipeline;

    @Inject
    Vertx vertx;

    /**
     * Vigil restarts after the firing email went out: a new dispatcher (no memory of it, reading the same log) gets
     * the alert again as the alert engine replays it, then its resolution, then the resolution once more after yet
     * another restart. The firing email is not sent again, the resolution is sent once.
     */
    @Test
    void aRestartInTheMiddleDoesNotSendTheSameEmailTwice() throws Exception {
        String rule = rule("Restart");
        Alert alert = firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "email");
        NotificationDispatcher first = new NotificationDispatcher(config, pipeline, Timers.of(vertx),
                java.time.Clock.systemUTC());
        try {
            first.accept(alert);
            await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() == 3);
            // Settled: the delivery is on record (a slow first attempt may have been logged as retrying before it).
            await().atMost(Duration.ofSeconds(25)).until(() -> logOf(rule).stream().anyMatch(e -> e.outcome().equals("success")));
        } finally {
            first.stop();
        }
        int before = logOf(rule).size();
        Instant delivered = logOf(rule).get(0).at();

        ManualClock clock = new ManualClock(delivered.plusSeconds(1));
        NotificationDispatcher second = new NotificationDispatcher(config, pipeline, Timers.of(vertx), clock);
        try {
            second.accept(alert);
            await().atMost(DELIVERY).until(() -> logOf(rule).size() >= before + 1);
            assertThat(logOf(rule).get(0).outcome()).isEqualTo("skipped");
            assertThat(logOf(rule).get(0).detail()).isEqualTo("nothing new to send: 1 already sent");
            assertThat(Mails.withSubject(greenMail, rule)).hasSize(3);

            second.accept(resolved(alert, clock.instant()));
            await().atMost(DELIVERY).until(() -> Mails.withSubject(greenMail, rule).size() == 6);
            assertThat(Mails.subject(Mails.withSubject(greenMail, rule).get(5))).startsWith("[RESOLVED:1] " + rule);
        } finally {
            second.stop();
        }

        NotificationDispatcher third = new NotificationDispatcher(config, pipeline, Timers.of(vertx), clock);
        try {
            third.accept(resolved(alert, clock.instant()));
            await().atMost(DELIVERY).until(() -> logOf(rule).size() >= before + 3);
            assertThat(logOf(rule).get(0).outcome()).isEqualTo("skipped");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> Mails.withSubject(greenMail, rule).size() == 6);
        } finally {
            third.stop();
        }
        assertThat(logOf(rule)).extracting(NotificationLog.Entry::kind).startsWith("none", "resolved", "none", "firing");
    }
}
