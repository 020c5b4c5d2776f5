package io.vigil.notify.receiver;

import static io.restassured.RestAssured.given;
import static io.vigil.notify.TestAlerts.acknowledged;
import static io.vigil.notify.TestAlerts.firing;
import static io.vigil.notify.TestAlerts.pending;
import static io.vigil.notify.TestAlerts.resolved;
import static io.vigil.notify.TestAlerts.silenced;
import static io.vigil.notify.TestAlerts.withAnnotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.alert.Alert;
import io.vigil.alert.Severity;
import io.vigil.notify.dispatch.NotificationDispatcher;
import io.vigil.notify.log.NotificationLog;
import io.vigil.testing.SharedServers;
import io.vigil.testing.TestHttpServer;

/**
 * Webhook, Slack and Alertmanager receivers against a real HTTP server, with the test profile's timings: group_wait
 * 300 ms, group_interval 1 s, repeat_interval 4 s.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class HttpReceiversTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestHttpServer server;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    NotificationLog log;

    final List<Alert> accepted = new ArrayList<>();

    @BeforeAll
    static void listen() {
        server = TestHttpServer.start();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    /** Silences what a test left firing, so that it repeats to nobody during the next tests. */
    @AfterEach
    void quiet() {
        accepted.forEach(a -> dispatcher.accept(silenced(a, "end-of-test")));
    }

    static String rule(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void accept(Alert alert) {
        accepted.add(alert);
        dispatcher.accept(alert);
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    List<NotificationLog.Entry> logOf(String receiver, String rule) {
        return log.recent(1000, receiver).stream().filter(e -> e.groupKey().contains(rule)).toList();
    }

    @Test
    void aStormOfOneHundredAlertsIsOneAlertmanagerStyleWebhook() throws Exception {
        String rule = rule("DiskFull");
        Instant firedAt = Instant.now();
        for (int i = 0; i < 100; i++) {
            accept(firing(rule, "host-" + i, Severity.WARNING, firedAt, "hook"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 1);
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> server.requests("/hook", rule).size() == 1);

        TestHttpServer.Request request = server.requests("/hook", rule).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = json(request.body());
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("groupKey").asText()).isEqualTo("hook:{alertname=\"" + rule + "\"}");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("receiver").asText()).isEqualTo("hook");
        assertThat(body.get("groupLabels").toString()).isEqualTo("{\"alertname\":\"" + rule + "\"}");
        assertThat(body.get("commonLabels").get("severity").asText()).isEqualTo("warning");
        assertThat(body.get("commonLabels").has("instance")).isFalse();
        assertThat(body.get("commonAnnotations").get("description").asText()).isEqualTo("value above threshold");
        assertThat(body.get("externalURL").asText()).isEqualTo("http://localhost:8080");
        assertThat(body.get("alerts")).hasSize(100);
        JsonNode first = body.get("alerts").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("status", "labels", "annotations", "startsAt", "endsAt",
                "generatorURL", "fingerprint");
        assertThat(first.get("status").asText()).isEqualTo("firing");
        assertThat(first.get("labels").get("alertname").asText()).isEqualTo(rule);
        assertThat(first.get("labels").get("instance").asText()).isEqualTo("host-0");
        assertThat(first.get("annotations").get("summary").asText()).isEqualTo(rule + " on host-0");
        assertThat(first.get("startsAt").asText()).isEqualTo(firedAt.toString());
        assertThat(first.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(first.get("fingerprint").asText()).isEqualTo(rule + "/host-0");
        assertThat(first.get("generatorURL").asText()).startsWith("http://localhost:8080/");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logOf("hook", rule)).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("success");
                    assertThat(e.alertCount()).isEqualTo(100);
                }));
    }

    @Test
    void aReceiverAnswering500IsRetriedAndEveryAttemptIsLogged() {
        String rule = rule("Flaky");
        server.answerNext("/hook", rule, 500, 2);
        accept(firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "hook"));

        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 3);
        List<TestHttpServer.Request> requests = server.requests("/hook", rule);
        assertThat(requests).extracting(TestHttpServer.Request::body).containsOnly(requests.get(0).body());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logOf("hook", rule))
                .extracting(NotificationLog.Entry::outcome).containsExactly("success", "retrying", "retrying"));
        List<NotificationLog.Entry> entries = logOf("hook", rule);
        assertThat(entries.get(0).attempt()).isEqualTo(3);
        assertThat(entries.get(1).error()).contains("HTTP 500 Internal Server Error").doesNotContain("bad day");
        assertThat(entries).extracting(NotificationLog.Entry::notificationId).containsOnly(entries.get(0).notificationId());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> server.requests("/hook", rule).size() == 3);

        given().queryParam("receiver", "hook").queryParam("limit", 5).get("/api/v1/notification-log")
                .then().statusCode(200)
                .body("last_errors[0].receiver", equalTo("hook"))
                .body("last_errors[0].error", containsString("HTTP 500"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_notifications_total{outcome=\"retrying\",receiver=\"hook\"}"))
                .body(containsString("vigil_notifications_total{outcome=\"success\",receiver=\"hook\"}"));
    }

    @Test
    void slackGetsAReadableText() throws Exception {
        String rule = rule("RobotStuck");
        accept(firing(rule, "venus-1", Severity.CRITICAL, Instant.now(), "slack"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/slack", rule).size() == 1);
        JsonNode body = json(server.requests("/slack", rule).get(0).body());
        assertThat(body.size()).isEqualTo(1);
        String text = body.get("text").asText();
        assertThat(text.lines().toList()).hasSize(3);
        assertThat(text).startsWith("*[FIRING:1] " + rule + "* (critical)\n• [FIRING] " + rule + " (critical): " + rule
                + " on venus-1 — instance: venus-1 · value 97.5 · since ")
                .endsWith("<http://localhost:8080|Open Vigil>");
    }

    @Test
    void alertmanagerGetsTheV2AlertListAndTheResolution() throws Exception {
        String rule = rule("PeerDown");
        Alert alert = firing(rule, "minio", Severity.CRITICAL, Instant.now(), "am");
        accept(alert);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/am/api/v2/alerts", rule).size() == 1);
        JsonNode sent = json(server.requests("/am/api/v2/alerts", rule).get(0).body());
        assertThat(sent.isArray()).isTrue();
        assertThat(sent).hasSize(1);
        JsonNode a = sent.get(0);
        assertThat(a.fieldNames()).toIterable().containsExactly("labels", "annotations", "startsAt", "endsAt", "generatorURL");
        assertThat(a.get("labels").get("alertname").asText()).isEqualTo(rule);
        assertThat(a.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(Instant.parse(a.get("endsAt").asText())).as("a firing alert stays active a few resend periods")
                .isAfter(Instant.now().plusSeconds(10));

        Instant resolvedAt = Instant.now();
        accept(resolved(alert, resolvedAt));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/am/api/v2/alerts", rule).size() == 2);
        JsonNode resolution = json(server.requests("/am/api/v2/alerts", rule).get(1).body()).get(0);
        assertThat(resolution.get("endsAt").asText()).isEqualTo(resolvedAt.toString());
    }

    /**
     * PagerDuty's Events API v2: one event per alert, {@code trigger} then {@code resolve} under the same
     * {@code dedup_key}, the routing key in the body (and nowhere in Vigil's log), the severity mapped.
     */
    @Test
    void pagerDutyGetsATriggerAndAResolveUnderOneDedupKeyPerAlert() throws Exception {
        String rule = rule("RobotStuck");
        Alert lab1 = withAnnotations(firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "pd"),
                Map.of("summary", "Robot 1 stuck"));
        Alert lab2 = firing(rule, "lab2", Severity.WARNING, Instant.now(), "pd");
        accept(lab1);
        accept(lab2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/pd/v2/enqueue", rule).size() == 2);
        List<JsonNode> triggers = new ArrayList<>();
        for (TestHttpServer.Request r : server.requests("/pd/v2/enqueue", rule)) {
            triggers.add(json(r.body()));
        }
        JsonNode first = triggers.stream().filter(t -> t.at("/payload/custom_details/labels/instance").asText().equals("lab1"))
                .findFirst().orElseThrow();
        assertThat(first.get("routing_key").asText()).isEqualTo("R0UTINGKEY0123456789abcdef012345");
        assertThat(first.get("event_action").asText()).isEqualTo("trigger");
        assertThat(first.at("/payload/summary").asText()).isEqualTo("[FIRING] " + rule + " (critical): Robot 1 stuck");
        assertThat(first.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(first.at("/payload/source").asText()).isEqualTo("lab1");
        assertThat(first.at("/payload/timestamp").asText()).isEqualTo(lab1.firedAt().toString());
        assertThat(first.at("/links/0/href").asText()).isEqualTo("http://localhost:8080/?alert="
                + java.net.URLEncoder.encode(lab1.id(), java.nio.charset.StandardCharsets.UTF_8) + "#alerts");
        assertThat(first.get("client").asText()).isEqualTo("Vigil");
        String dedupKey = first.get("dedup_key").asText();
        assertThat(dedupKey).isNotBlank().hasSizeLessThanOrEqualTo(255);
        assertThat(triggers).extracting(t -> t.at("/payload/severity").asText()).containsExactlyInAnyOrder("critical", "warning");
        assertThat(triggers).extracting(t -> t.get("dedup_key").asText()).doesNotHaveDuplicates();

        accept(resolved(lab1, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/pd/v2/enqueue", rule).stream()
                .anyMatch(r -> r.body().contains("\"resolve\"")));
        JsonNode resolve = json(server.requests("/pd/v2/enqueue", rule).stream().filter(r -> r.body().contains("\"resolve\""))
                .findFirst().orElseThrow().body());
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(resolve.get("routing_key").asText()).isEqualTo("R0UTINGKEY0123456789abcdef012345");
        await().atMost(Duration.ofSeconds(5)).until(() -> !logOf("pd", rule).isEmpty());
        assertThat(logOf("pd", rule)).allSatisfy(e -> {
            assertThat(String.valueOf(e.detail())).doesNotContain("R0UTINGKEY");
            assertThat(String.valueOf(e.error())).doesNotContain("R0UTINGKEY");
        });
    }

    @Test
    void anUnchangedGroupIsRepeatedNoMoreOftenThanTheRepeatInterval() {
        String rule = rule("HighCpu");
        accept(firing(rule, "lab1", Severity.WARNING, Instant.now(), "hook"));
        await().atMost(Duration.ofSeconds(15)).until(() -> server.requests("/hook", rule).size() == 2);
        List<TestHttpServer.Request> requests = server.requests("/hook", rule);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logOf("hook", rule))
                .extracting(NotificationLog.Entry::kind).containsExactly("repeat", "firing"));
        assertThat(logOf("hook", rule).get(0).dedupeKey()).endsWith("|hook|repeat-1");
    }

    @Test
    void acknowledgingStopsRepeatsButTheResolutionIsSent() throws Exception {
        String rule = rule("GpuMemory");
        Alert alert = firing(rule, "gpu0", Severity.CRITICAL, Instant.now(), "hook");
        accept(alert);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 1);

        Alert acked = acknowledged(alert, "ana", Instant.now());
        accept(acked);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                .until(() -> server.requests("/hook", rule).size() == 1);

        accept(resolved(acked, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 2);
        JsonNode resolution = json(server.requests("/hook", rule).get(1).body());
        assertThat(resolution.get("status").asText()).isEqualTo("resolved");
        assertThat(resolution.get("alerts").get(0).get("status").asText()).isEqualTo("resolved");
    }

    @Test
    void silencedAndPendingAlertsAreNotSent() {
        String rule = rule("Quiet");
        accept(silenced(firing(rule, "lab1", Severity.CRITICAL, Instant.now(), "hook"), "silence-1"));
        dispatcher.accept(pending(rule, "lab2", Severity.CRITICAL, Instant.now(), "hook"));
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> server.requests("/hook", rule).isEmpty());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logOf("hook", rule)).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("skipped");
                    assertThat(e.detail()).isEqualTo("nothing new to send: 1 silenced");
                }));
    }

    @Test
    void receiversTakeOnlyFromTheirMinimumSeverityAndNotWhenDisabled() {
        String rule = rule("Backlog");
        accept(firing(rule, "face", Severity.WARNING, Instant.now(), "critical-hook", "off"));
        accept(firing(rule, "phone", Severity.CRITICAL, Instant.now(), "critical-hook", "off"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/critical", rule).size() == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> server.requests("/critical", rule).size() == 1 && server.requests("/off", rule).isEmpty());
        assertThat(server.requests("/critical", rule).get(0).body()).contains("phone").doesNotContain("\"face\"");
    }

    @Test
    void aTestNotificationGoesThroughTheRealReceiver() {
        String marker = "hello from the test " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"receiver\": \"hook\", \"message\": \"" + marker + "\"}")
                .post("/api/v1/notifications/test")
                .then().statusCode(200)
                .body("results.size()", equalTo(1))
                .body("results[0].receiver", equalTo("hook"))
                .body("results[0].type", equalTo("webhook"))
                .body("results[0].outcome", equalTo("success"))
                .body("results[0].detail", startsWith("HTTP 200"));
        assertThat(server.requests("/hook", marker)).hasSize(1);

        given().contentType(ContentType.JSON).body("{\"receiver\": \"off\"}").post("/api/v1/notifications/test")
                .then().statusCode(200).body("results[0].outcome", equalTo("skipped"));

        server.answerNext("/slack", "still failing", 500, 1);
        given().contentType(ContentType.JSON).body("{\"receiver\": \"slack\", \"message\": \"still failing\"}")
                .post("/api/v1/notifications/test")
                .then().statusCode(200)
                .body("results[0].outcome", equalTo("failed"))
                .body("results[0].error", containsString("HTTP 500"));

        given().contentType(ContentType.JSON).body("{\"receiver\": \"pager\"}").post("/api/v1/notifications/test")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("receiver: 'pager' is not a configured receiver"));
    }

    @Test
    void theLogAnswersNewestFirstAndRefusesABadLimit() {
        given().queryParam("limit", "lots").get("/api/v1/notification-log")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("limit: 'lots'"));
        given().queryParam("limit", 0).get("/api/v1/notification-log").then().statusCode(400);

        String rule = rule("Ordered");
        Alert alert = firing(rule, "lab1", Severity.WARNING, Instant.now(), "hook");
        accept(alert);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 1);
        accept(resolved(alert, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("/hook", rule).size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> logOf("hook", rule).size() == 2);
        given().queryParam("receiver", "hook").queryParam("limit", 2).get("/api/v1/notification-log")
                .then().statusCode(200)
                .body("entries.size()", equalTo(2))
                .body("entries[0].kind", equalTo("resolved"))
                .body("entries[0].outcome", equalTo("success"))
                .body("entries[0].dedupe_key", equalTo(rule + "/lab1@" + alert.firedAt().toEpochMilli() + "|hook|resolved"))
                .body("entries[1].kind", equalTo("firing"))
                .body("entries[1].group_key", equalTo("hook:{alertname=\"" + rule + "\"}"));
    }
}
