package io.vigil.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;

/**
 * From the stream to the inbox: the experiments source reports the robot busy, the rule E2eRobotBusy (for 2 s,
 * receiver e2e-email) fires and the SMTP server receives exactly one email per firing. Prints the time from the
 * sample that completed {@code for} to the SMTP server accepting the email (the figure, not an assertion).
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class AlertToEmailTest {

    /**
     * Upper bound for a delivery: now and then an SMTP exchange stalls until its attempt times out (20 s in the test
     * profile) and is retried; the figure printed is then that slow one.
     */
    static final Duration DELIVERY = Duration.ofSeconds(50);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    @AfterEach
    void idle() {
        HxRobot.finishAll();
    }

    private static List<MimeMessage> mailsFor(String rule) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(rule)
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().contains("e2e@lab.test"));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static long firingMails(String rule) {
        return mailsFor(rule).stream().filter(m -> {
            try {
                return m.getSubject().startsWith("[FIRING");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aSeriesOverItsThresholdForLongerThanForSendsOneEmailPerFiring() {
        List<Long> latencies = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            long before = firingMails("E2eRobotBusy");
            HxRobot.start("PCR_Setup", "1");
            String firedAt = await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/alerts").then().extract()
                    .path("find { it.rule == 'E2eRobotBusy' && it.state == 'FIRING' }.fired_at"), v -> v != null);
            await().pollInterval(Duration.ofMillis(20)).atMost(DELIVERY)
                    .until(() -> firingMails("E2eRobotBusy") > before);
            latencies.add(Duration.between(Instant.parse(firedAt), Instant.now()).toMillis());
            HxRobot.finishAll();
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/alerts").then().extract()
                    .path("find { it.rule == 'E2eRobotBusy' && it.state == 'FIRING' }") == null);
        }
        latencies.sort(Long::compare);
        System.out.printf("FIGURE for-completing sample -> email accepted by SMTP: median %d ms (runs: %s; group_wait %s)%n",
                latencies.get(1), latencies,
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("vigil.notify.group-wait", String.class));
        // Three firing episodes, each sent once to the receiver (repeats and resolutions are other kinds).
        List<String> firings = given().queryParam("receiver", "e2e-email").queryParam("limit", 1000)
                .get("/api/v1/notification-log")
                .then().statusCode(200).extract()
                .path("entries.findAll { it.kind == 'firing' && it.outcome == 'success' && it.group_key.contains('E2eRobotBusy') }.dedupe_key");
        assertThat(firings).hasSize(3).doesNotHaveDuplicates();
        // Leave nothing to send once this class's SMTP server is gone: the last resolution is delivered.
        await().atMost(DELIVERY).until(() -> resolvedMails("E2eRobotBusy") >= 3);
    }

    private static long resolvedMails(String rule) {
        return mailsFor(rule).stream().filter(m -> {
            try {
                return m.getSubject().startsWith("[RESOLVED");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void anAbortedScheduleNeedsRecoveryAndSaysSoByEmail() {
        long before = firingMails("E2eRecoveryRequired");
        String name = "Aborting plate " + System.nanoTime();
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"%s","experiment_path":"abort","schedule_type":"once","start_at":"%s"}"""
                .formatted(name, Instant.now().plus(Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(DELIVERY).until(() -> firingMails("E2eRecoveryRequired") > before);
        given().get("/api/v1/alerts").then().body("find { it.rule == 'E2eRecoveryRequired' && it.labels.schedule_id == '" + id
                + "' }.labels.schedule_name", org.hamcrest.Matchers.equalTo(name));

        // An event alert fires for an hour: silence it, so it does not keep repeating at a closed SMTP server after
        // this class.
        given().contentType(ContentType.JSON)
                .body("""
                        {"matchers":[{"name":"alertname","value":"E2eRecoveryRequired"},{"name":"schedule_id","value":"%s"}],
                         "ends_at":"%s","created_by":"test","comment":"end of test"}""".formatted(id,
                        Instant.now().plus(Duration.ofHours(2))))
                .post("/api/v1/silences").then().statusCode(201);
    }
}
