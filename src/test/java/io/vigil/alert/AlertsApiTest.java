package io.vigil.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.store.VigilDatabase;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;

/** Rules, alerts, acknowledgements and silences over REST, with alerts raised by the real experiments stream. */
@QuarkusTest
@TestProfile(SharedServers.class)
class AlertsApiTest {

    @Inject
    VigilDatabase database;

    @Inject
    AlertEngine engine;

    @Inject
    RuleStore rules;

    @Inject
    SilenceStore silences;

    @AfterEach
    void robotIdle() {
        HxRobot.finishAll();
    }

    @Test
    void defaultAndFileRulesAreLoaded() {
        given().get("/api/v1/alert-rules").then().statusCode(200)
                .body("rule.name", hasItems("GpuMemoryHigh", "CpuHigh", "DiskAlmostFull", "PipelineBacklog", "PipelineErrorRate",
                        "PipelineLatency", "PeerServiceDown", "ExperimentsDatabaseDown", "RunAborted", "TestRobotBusy"))
                .body("find { it.rule.name == 'TestRobotBusy' }.origin", equalTo("file"))
                .body("find { it.rule.name == 'GpuMemoryHigh' }.rule.for", equalTo("PT1M"));
    }

    @Test
    void rulesAreValidatedNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","series":"host.cpu.percent","op":"=>","threshold":1,"severity":"warning"}""")
                .post("/api/v1/alert-rules").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("op"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","series":"host.cpu.percent","op":">","threshold":1,"severity":"warning","for":"-5m"}""")
                .post("/api/v1/alert-rules").then().statusCode(400).body("field", equalTo("for"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","series":"host.cpu.percent{core=0}","op":">","threshold":1,"severity":"warning"}""")
                .post("/api/v1/alert-rules").then().statusCode(400).body("field", equalTo("series"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","series":"host.cpu.percent","op":">","threshold":1,"severity":"apocalyptic"}""")
                .post("/api/v1/alert-rules").then().statusCode(400).body("field", equalTo("severity"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","series":"host.cpu.percent","op":">","threshold":1,"severity":"info","for":"soon"}""")
                .post("/api/v1/alert-rules").then().statusCode(400).body("field", equalTo("for"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Bad","event":"RUN_EXPLODED","severity":"info"}""")
                .post("/api/v1/alert-rules").then().statusCode(400).body("field", equalTo("event"));
    }

    @Test
    void rulesCanBeCreatedReplacedAndDeleted() {
        String name = "HotCore" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","series":"host.cpu.core.percent{core=\\"0\\"}","op":">","threshold":99.5,"for":"2m","severity":"info"}"""
                        .formatted(name))
                .post("/api/v1/alert-rules").then().statusCode(201)
                .body("rule.name", equalTo(name)).body("version", equalTo(1)).body("origin", equalTo("api"));
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.core.percent","op":">","threshold":1,"severity":"info"}""".formatted(name))
                .post("/api/v1/alert-rules").then().statusCode(409);
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.core.percent","op":">","threshold":98,"severity":"warning"}""".formatted(name))
                .put("/api/v1/alert-rules/" + name).then().statusCode(200)
                .body("version", equalTo(2)).body("rule.threshold", equalTo(98.0f));
        given().delete("/api/v1/alert-rules/" + name).then().statusCode(204);
        given().get("/api/v1/alert-rules/" + name).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSampleStreamOverTheThresholdForLongerThanForFiresAndThenResolves() {
        String guid = HxRobot.start("PCR_Setup", "1");
        String id = await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == 'TestRobotBusy' && it.state == 'FIRING' }.id"), v -> v != null);
        given().get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("labels.team", equalTo("lab"))
                .body("labels.alertname", equalTo("TestRobotBusy"))
                .body("annotations.summary", equalTo("robot busy (1) for the lab"))
                .body("active_at", notNullValue())
                .body("fired_at", notNullValue())
                .body("silenced_by", nullValue());

        HxRobot.setState(guid, "128", true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("include_resolved", true)
                .get("/api/v1/alerts/" + id).then().body("state", equalTo("RESOLVED")));
        given().get("/api/v1/alerts").then().body("id", not(hasItem(id)));
        given().queryParam("rule", "TestRobotBusy").get("/api/v1/alerts/history").then().statusCode(200)
                .body("state", hasItems("PENDING", "FIRING", "RESOLVED"));
    }

    @Test
    void anAbortedRunRaisesACriticalAlertThatCanBeAcknowledged() {
        String guid = HxRobot.start("Serial_Dilution", "1");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/api/v1/experiments/" + guid).then().statusCode(200));
        HxRobot.setState(guid, "64", true);
        String id = await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == 'RunAborted' && it.labels.run_guid == '" + guid + "' }.id"), v -> v != null);
        given().get("/api/v1/alerts/" + id).then()
                .body("severity", equalTo("critical"))
                .body("annotations.summary", containsString(guid));

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + id + "/ack").then().statusCode(400)
                .body("field", equalTo("by"));
        given().contentType(ContentType.JSON).body("{\"by\":\"alice\",\"note\":\"restarting the plate\"}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200)
                .body("ack.by", equalTo("alice")).body("ack.note", equalTo("restarting the plate"));
        given().get("/api/v1/alerts/" + id).then().body("ack.by", equalTo("alice")).body("state", equalTo("FIRING"));
        given().contentType(ContentType.JSON).body("{\"by\":\"bob\"}").post("/api/v1/alerts/nope/ack").then().statusCode(404);
    }

    @Test
    void aSilenceMutesMatchingAlertsUntilItIsExpired() {
        HxRobot.start("ELISA_Wash", "1");
        String id = await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == 'TestRobotBusy' && it.state == 'FIRING' }.id"), v -> v != null);

        given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"alertname","value":"TestRobotBusy"}],"ends_at":"2020-01-01T00:00:00Z",
                 "created_by":"alice","comment":"maintenance"}""")
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("ends_at"));
        String silence = given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"alertname","value":"TestRobot.*","is_regex":true},{"name":"team","value":"lab"}],
                 "ends_at":"%s","created_by":"alice","comment":"robot maintenance"}""".formatted(Instant.now().plusSeconds(3600)))
                .post("/api/v1/silences").then().statusCode(201).body("state", equalTo("active"))
                .extract().path("silence.id");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                .body("silenced_by", equalTo(silence)));

        given().delete("/api/v1/silences/" + silence).then().statusCode(204);
        given().get("/api/v1/silences/" + silence).then().body("state", equalTo("expired"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                .body("silenced_by", nullValue()));
        given().delete("/api/v1/silences/" + silence).then().statusCode(404);
    }

    @Test
    void aSilenceWhoseRegexWouldBacktrackForeverIsRefused() {
        // From the security review: this took 22.8 s to create and then slowed every GET /api/v1/alerts to ~20 s.
        given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"alertname","value":"(.{1,2}|.)+\\\\1Z","is_regex":true}],
                 "ends_at":"%s","created_by":"mallory","comment":"catastrophic backtracking"}"""
                .formatted(Instant.now().plusSeconds(3600)))
                .post("/api/v1/silences").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("matchers[0]"))
                .body("detail", equalTo("matcher alertname=~'(.{1,2}|.)+\\1Z': backreferences are not supported (RE2 syntax)"));
        given().get("/api/v1/silences").then().statusCode(200).body("silence.created_by", not(hasItem("mallory")));
    }

    @Test
    void aStoredSilenceThatCannotBeReadIsListedAsInvalidMutesNothingAndCanBeEnded() throws Exception {
        // Silences created before matchers were RE2 may hold a backreference; they must not break reading the others.
        String id = "legacy-" + System.nanoTime();
        try (Connection c = database.connect();
                PreparedStatement p = c.prepareStatement("INSERT INTO silence (id, matchers,"
                        + " starts_at, ends_at, created_by, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, "[{\"name\":\"alertname\",\"value\":\"(.)\\\\1\",\"is_regex\":true,\"is_equal\":true}]");
            p.setTimestamp(3, Timestamp.from(Instant.now()));
            p.setTimestamp(4, Timestamp.from(Instant.now().plusSeconds(3600)));
            p.setString(5, "legacy");
            p.setString(6, "stored before RE2");
            p.setTimestamp(7, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        given().contentType(ContentType.JSON)
                .body("""
                        {"matchers":[{"name":"alertname","value":"Nothing.*","is_regex":true}],
                         "ends_at":"%s","created_by":"alice","comment":"reloads the silences"}"""
                        .formatted(Instant.now().plusSeconds(60)))
                .post("/api/v1/silences").then().statusCode(201);
        given().get("/api/v1/silences").then().statusCode(200)
                .body("find { it.silence.id == '" + id + "' }.valid", equalTo(false))
                .body("find { it.silence.id == '" + id + "' }.error", containsString("backreference"))
                .body("find { it.silence.id == '" + id + "' }.silence.matchers", equalTo(List.of()))
                .body("find { it.silence.created_by == 'alice' }.valid", equalTo(true))
                .body("find { it.silence.created_by == 'alice' }", not(hasKey("error")));
        given().get("/api/v1/silences/" + id).then().statusCode(200).body("valid", equalTo(false)).body("state",
                equalTo("active"));
        // It mutes nothing: with no matchers it would otherwise match every alert.
        assertThat(silences.all()).extracting(Silence::id).doesNotContain(id);
        given().get("/api/v1/alerts").then().statusCode(200);
        given().delete("/api/v1/silences/" + id).then().statusCode(204);
        given().get("/api/v1/silences/" + id).then().statusCode(200).body("state", equalTo("expired"));
    }

    @Test
    void prometheusCountsAlertsByStateAndSeverity() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_alerts{severity=\"critical\",state=\"firing\"}"));
    }

    /** A rule on the host's CPU that always holds: it fires as soon as the next sample arrives. */
    private static String alwaysFiring(String name, String extra) {
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.percent","op":">=","threshold":0,"severity":"info"%s}"""
                .formatted(name, extra)).post("/api/v1/alert-rules").then().statusCode(201);
        return await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == '" + name + "' && it.state == 'FIRING' }.id"), v -> v != null);
    }

    private static void insertRule(Connection c, String name, String definition) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_rule (name, definition, origin, enabled, version,"
                + " created_at, updated_at) VALUES (?, ?, 'api', 1, 1, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, definition);
            p.setTimestamp(3, Timestamp.from(Instant.now()));
            p.setTimestamp(4, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
    }

    @Test
    void aZeroForIsAcceptedFiresAtOnceAndReadsBack() throws Exception {
        String name = "AtOnce" + System.nanoTime();
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.percent","op":">=","threshold":0,"for":"0s","keep_firing_for":0,
                 "severity":"INFO"}""".formatted(name)).post("/api/v1/alert-rules").then().statusCode(201)
                .body("rule.for", equalTo("PT0S")).body("rule.keep_firing_for", equalTo("PT0S"))
                .body("rule.severity", equalTo("info")).body("valid", equalTo(true));
        given().get("/api/v1/alert-rules").then().statusCode(200).body("rule.name", hasItem(name));
        // What GET answers can be PUT back as it is.
        String rule = new ObjectMapper().readTree(given().get("/api/v1/alert-rules/" + name).then().statusCode(200)
                .extract().asString()).get("rule").toString();
        given().contentType(ContentType.JSON).body(rule).put("/api/v1/alert-rules/" + name).then()
                .statusCode(200).body("rule.for", equalTo("PT0S")).body("version", equalTo(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == '" + name + "' && it.state == 'FIRING' }.id"), v -> v != null);
        given().delete("/api/v1/alert-rules/" + name).then().statusCode(204);
    }

    @Test
    void aStoredRuleThatCannotBeReadIsListedAsInvalidAndNothingElseStops() throws Exception {
        String unreadable = "Unreadable" + System.nanoTime();
        String invalid = "Invalid" + System.nanoTime();
        try (Connection c = database.connect()) {
            insertRule(c, unreadable, "{\"name\":\"" + unreadable + "\",\"series\":\"host.cpu.percent\",\"op\":\">\","
                    + "\"threshold\":1,\"for\":\"soon\",\"severity\":\"info\"}");
            insertRule(c, invalid, "{\"name\":\"" + invalid + "\",\"event\":\"RUN_EXPLODED\",\"severity\":\"info\"}");
        }
        // What start-up does: read every stored rule and evaluate the valid ones.
        assertThatCode(() -> engine.reloadRules()).doesNotThrowAnyException();
        assertThat(rules.all()).filteredOn(r -> r.rule().name().equals(unreadable)).singleElement()
                .satisfies(r -> assertThat(r.valid()).isFalse());
        given().get("/api/v1/alert-rules").then().statusCode(200)
                .body("find { it.rule.name == '" + unreadable + "' }.valid", equalTo(false))
                .body("find { it.rule.name == '" + unreadable + "' }.error", containsString("for"))
                .body("find { it.rule.name == '" + invalid + "' }.valid", equalTo(false))
                .body("find { it.rule.name == '" + invalid + "' }.error", containsString("RUN_EXPLODED"))
                .body("find { it.rule.name == 'CpuHigh' }.valid", equalTo(true));
        given().get("/api/v1/alert-rules/" + unreadable).then().statusCode(200).body("valid", equalTo(false));
        given().get("/api/v1/alerts").then().statusCode(200);
        given().delete("/api/v1/alert-rules/" + unreadable).then().statusCode(204);
        given().delete("/api/v1/alert-rules/" + invalid).then().statusCode(204);
    }

    @Test
    void deletingOrDisablingARuleResolvesItsAlertsAndSaysWhy() {
        List<Alert> changes = new CopyOnWriteArrayList<>();
        Cancellable listening = engine.changes().subscribe().with(changes::add);
        try {
            String deleted = "Deleted" + System.nanoTime();
            String disabled = "Disabled" + System.nanoTime();
            String deletedId = alwaysFiring(deleted, "");
            String disabledId = alwaysFiring(disabled, "");

            given().delete("/api/v1/alert-rules/" + deleted).then().statusCode(204);
            given().contentType(ContentType.JSON).body("""
                    {"name":"%s","series":"host.cpu.percent","op":">=","threshold":0,"severity":"info","enabled":false}"""
                    .formatted(disabled)).put("/api/v1/alert-rules/" + disabled).then().statusCode(200);

            for (var expected : Map.of(deletedId, "rule deleted", disabledId, "rule disabled").entrySet()) {
                given().queryParam("include_resolved", true).get("/api/v1/alerts/" + expected.getKey()).then()
                        .body("state", equalTo("RESOLVED")).body("reason", equalTo(expected.getValue()));
                given().get("/api/v1/alerts").then().body("id", not(hasItem(expected.getKey())));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(changes).anySatisfy(a -> {
                    assertThat(a.id()).isEqualTo(expected.getKey());
                    assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
                    assertThat(a.reason()).isEqualTo(expected.getValue());
                }));
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().queryParam("rule", deleted)
                    .get("/api/v1/alerts/history").then().body("state", hasItems("FIRING", "RESOLVED")));
            given().delete("/api/v1/alert-rules/" + disabled).then().statusCode(204);
        } finally {
            listening.cancel();
        }
    }

    @Test
    void editingARuleKeepsItsFiringAlertInsteadOfStartingItOver() {
        String name = "Edited" + System.nanoTime();
        String id = alwaysFiring(name, ",\"for\":\"1s\"");
        String firedAt = given().get("/api/v1/alerts/" + id).then().extract().path("fired_at");
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.cpu.percent","op":">=","threshold":-1,"for":"1s","severity":"info",
                 "annotations":{"summary":"edited"}}""".formatted(name))
                .put("/api/v1/alert-rules/" + name).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                .body("annotations.summary", equalTo("edited")));
        given().get("/api/v1/alerts/" + id).then().body("state", equalTo("FIRING")).body("fired_at", equalTo(firedAt));
        given().queryParam("rule", name).get("/api/v1/alerts/history").then()
                .body("findAll { it.state == 'PENDING' }.size()", equalTo(1))
                .body("findAll { it.state == 'FIRING' }.size()", equalTo(1));
        given().delete("/api/v1/alert-rules/" + name).then().statusCode(204);
    }
}
