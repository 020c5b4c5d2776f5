package io.vigil.notify.receiver.http;

import static io.restassured.RestAssured.given;
import static io.vigil.notify.TestAlerts.firing;
import static io.vigil.notify.TestAlerts.silenced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.dispatch.NotificationDispatcher;
import io.vigil.notify.log.NotificationLog;
import io.vigil.testing.CapturedLog;
import io.vigil.testing.SharedServers;
import io.vigil.testing.TestHttpServer;
import io.vigil.testing.TestPorts;

/**
 * Receiver addresses and receivers' answers can hold secrets: a Slack webhook's path is its token, a webhook URL may
 * carry {@code user:password@}, and a failing receiver may echo a token in its error body. None of them may reach the
 * notification log, an API answer or Vigil's own log; the userinfo becomes HTTP Basic authentication.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class ReceiverSecretsTest {

    static final String SLACK_PATH = "/services/T000/B000/XXXXSECRETXXXX";
    static final String ECHOED_TOKEN = "xoxb-0000-ECHOEDTOKEN";
    static TestHttpServer server;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    NotificationLog log;

    @BeforeAll
    static void listen() {
        server = TestHttpServer.start();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    static void assertNoSecrets(String text) {
        assertThat(text).doesNotContain("XXXXSECRET", "/services/", ECHOED_TOKEN, "invalid_token", "s3cr");
    }

    @Test
    void aFailingReceiversAnswerIsSummarisedAndItsAddressShownWithoutItsPath() {
        String marker = "secret test " + UUID.randomUUID();
        String echo = "{\"ok\":false,\"error\":\"invalid_token\",\"token\":\"" + ECHOED_TOKEN + "\",\"url\":\"" + SLACK_PATH
                + "\"}";
        server.answerNext(SLACK_PATH, marker, 500, 1, echo, "application/json");
        String redacted = "http://localhost:" + TestPorts.httpPort() + "/…";
        try (CapturedLog vigilLog = CapturedLog.of("io.vigil")) {
            String answer = given().contentType(ContentType.JSON)
                    .body("{\"receiver\": \"secret-slack\", \"message\": \"" + marker + "\"}")
                    .post("/api/v1/notifications/test")
                    .then().statusCode(200)
                    .body("results[0].outcome", equalTo("failed"))
                    .body("results[0].error", equalTo("HTTP 500 Internal Server Error from " + redacted + " (application/json, "
                            + echo.getBytes(StandardCharsets.UTF_8).length + " bytes)"))
                    .extract().asString();
            assertNoSecrets(answer);

            given().contentType(ContentType.JSON).body("{\"receiver\": \"secret-slack\"}").post("/api/v1/notifications/test")
                    .then().statusCode(200)
                    .body("results[0].outcome", equalTo("success"))
                    .body("results[0].detail", equalTo("HTTP 200 OK from " + redacted));

            String page = given().queryParam("receiver", "secret-slack").get("/api/v1/notification-log")
                    .then().statusCode(200).extract().asString();
            assertThat(page).contains("HTTP 500 Internal Server Error from " + redacted);
            assertNoSecrets(page);
            assertThat(vigilLog.text()).contains("HTTP 500 Internal Server Error from " + redacted);
            assertNoSecrets(vigilLog.text());
        }
    }

    @Test
    void everyRetryOfAnAlertKeepsTheEchoedTokenOut() {
        String rule = "SecretEcho-" + UUID.randomUUID().toString().substring(0, 8);
        server.answerNext(SLACK_PATH, rule, 403, 3, "invalid_token " + ECHOED_TOKEN, "text/plain");
        Alert alert = firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "secret-slack");
        try (CapturedLog vigilLog = CapturedLog.of("io.vigil")) {
            dispatcher.accept(alert);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> entries(rule).stream().anyMatch(e -> e.outcome().equals("success")));
            List<NotificationLog.Entry> entries = entries(rule);
            assertThat(entries).extracting(NotificationLog.Entry::outcome).containsExactly("success", "retrying", "retrying",
                    "retrying");
            assertThat(entries.get(1).error()).startsWith("HTTP 403 Forbidden from http://localhost:").endsWith("(text/plain, "
                    + ("invalid_token " + ECHOED_TOKEN).length() + " bytes)");
            entries.forEach(e -> assertNoSecrets(e.error() + " " + e.detail()));
            assertNoSecrets(vigilLog.text());
        } finally {
            dispatcher.accept(silenced(alert, "end-of-test"));
        }
    }

    @Test
    void aWebhookAddressWithUserinfoSendsBasicAuthenticationAndNeverShowsIt() {
        String marker = "basic " + UUID.randomUUID();
        try (CapturedLog vigilLog = CapturedLog.of("io.vigil")) {
            String answer = given().contentType(ContentType.JSON)
                    .body("{\"receiver\": \"basic-hook\", \"message\": \"" + marker + "\"}")
                    .post("/api/v1/notifications/test")
                    .then().statusCode(200)
                    .body("results[0].outcome", equalTo("success"))
                    .extract().asString();
            assertThat(server.requests("/basic", marker)).singleElement().extracting(TestHttpServer.Request::authorization)
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("vigil:s3cr@t".getBytes(StandardCharsets.UTF_8)));
            assertThat(answer).contains("HTTP 200 OK from http://localhost:" + TestPorts.httpPort() + "/…");
            assertNoSecrets(answer);
            assertNoSecrets(given().queryParam("receiver", "basic-hook").get("/api/v1/notification-log").asString());
            assertNoSecrets(vigilLog.text());
        }
    }

    List<NotificationLog.Entry> entries(String rule) {
        return log.recent(1000, "secret-slack").stream().filter(e -> e.groupKey().contains(rule)).toList();
    }
}
