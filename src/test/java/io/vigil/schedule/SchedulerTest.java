package io.vigil.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;

/**
 * The scheduler end to end: schedules over REST, the capacity gate following the real experiments stream, commands
 * launched as processes (a script standing in for HxRun.exe), executions and recovery in the database.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class SchedulerTest {

    @Inject
    MetricsHub hub;

    @io.quarkus.test.common.http.TestHTTPResource("/ws/metrics")
    java.net.URI endpoint;

    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private Cancellable listening;

    @BeforeEach
    void listen() {
        HxRobot.finishAll();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.closed_because", org.hamcrest.Matchers.empty()));
        listening = hub.messages().subscribe().with(m -> {
            if (m instanceof HubMessage.Event e && e.event().source().equals("scheduler")) {
                events.add(e.event());
            }
        });
    }

    @AfterEach
    void stop() {
        if (listening != null) {
            listening.cancel();
        }
        HxRobot.finishAll();
    }

    /** A schedule that only runs when asked: once, a day from now. */
    private static String schedule(String name, String path, String retry) {
        return given().contentType(ContentType.JSON).body("""
                {"name":"%s","experiment_path":"%s","schedule_type":"once","start_at":"%s"%s}"""
                .formatted(name, path, Instant.now().plus(Duration.ofDays(1)), retry == null ? "" : ",\"retry\":" + retry))
                .post("/api/v1/schedules").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
    }

    private static Response execution(String scheduleId) {
        return given().queryParam("schedule_id", scheduleId).get("/api/v1/executions");
    }

    @Test
    void schedulesAreValidatedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"experiment_path\":\"a.med\",\"schedule_type\":\"fortnightly\"}")
                .post("/api/v1/schedules").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("schedule_type"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"experiment_path\":\"a.med\",\"schedule_type\":\"interval\"}")
                .post("/api/v1/schedules").then().statusCode(400).body("field", equalTo("interval_hours"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"experiment_path\":\"a.med\",\"schedule_type\":\"cron\",\"cron\":\"soon\"}")
                .post("/api/v1/schedules").then().statusCode(400).body("field", equalTo("cron"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"schedule_type\":\"daily\"}")
                .post("/api/v1/schedules").then().statusCode(400).body("field", equalTo("experiment_path"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"x","experiment_path":"a.med","schedule_type":"daily","retry":{"max_retries":3,"retry_delay":"1m","backoff":"random"}}""")
                .post("/api/v1/schedules").then().statusCode(400).body("field", equalTo("retry.backoff"));
    }

    @Test
    void aStaleUpdateGets409WithTheCurrentVersion() {
        String id = schedule("Plating " + System.nanoTime(), "ok", null);
        String body = """
                {"name":"Plating renamed","experiment_path":"ok","schedule_type":"interval","interval_hours":1.5,"start_at":"%s"}"""
                .formatted(Instant.now().plus(Duration.ofDays(1)));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/schedules/" + id).then().statusCode(428)
                .body("field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/api/v1/schedules/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("schedule_type", equalTo("interval"))
                .body("next_run", notNullValue());
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/api/v1/schedules/" + id)
                .then().statusCode(409).contentType("application/problem+json").header("ETag", "\"2\"")
                .body("detail", containsString("current version is 2"));
    }

    @Test
    void aScheduleNameCannotForgeALogLine() {
        String forged = "2026-12-01 12:00:00,000 ERROR [fake] injected";
        String name = "Forging " + System.nanoTime();
        // A name is one line: whatever would start a forged log line is refused before it is stored.
        for (String lineBreak : List.of("\n", "\r", "\u2028", "\u0085")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name + lineBreak + forged, "experiment_path", "ok",
                    "schedule_type", "once", "start_at", Instant.now().plus(Duration.ofDays(1)).toString()))
                    .post("/api/v1/schedules").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("name"));
        }
        given().get("/api/v1/schedules").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith(name))));
    }

    @Test
    void runNowCompletesAndRecordsTheRunWithoutBumpingTheVersion() {
        String id = schedule("Quick " + System.nanoTime(), "ok", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202).body("status",
                equalTo("waiting_capacity"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("completed"))
                .body("[0].exit_code", equalTo(0))
                .body("[0].output_tail", containsString("method done"))
                .body("[0].command", containsString("fake-hxrun.sh ok")));
        given().get("/api/v1/schedules/" + id).then().body("version", equalTo(1)).body("last_run", notNullValue());
        assertThat(events).extracting(StreamEvent::type).contains("EXECUTION_WAITING", "EXECUTION_STARTED",
                "EXECUTION_COMPLETED");

        // Renaming a once schedule whose time has passed after it ran does not run it again.
        String past = Instant.now().minusSeconds(60).toString();
        Response current = given().get("/api/v1/schedules/" + id);
        given().contentType(ContentType.JSON).header("If-Match", current.header("ETag")).body("""
                {"name":"%s renamed","experiment_path":"ok","schedule_type":"once","start_at":"%s"}"""
                .formatted(current.path("name").toString(), past))
                .put("/api/v1/schedules/" + id).then().statusCode(200).body("next_run", nullValue());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> execution(id).then()
                .body("size()", equalTo(1)));
    }

    @Test
    void aJobHeldByARunningHxRunStartsWithinASecondOfTheRunCompleting() {
        String run = HxRobot.start("PCR_Setup", "1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(false))
                .body("gate.closed_because", hasItem(containsString("robot is busy"))));
        String id = schedule("Held " + System.nanoTime(), "ok", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("waiting_capacity")));

        HxRobot.setState(run, "128", true);
        Instant completed = Instant.now();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> execution(id).then().body("[0].start", notNullValue()));
        Instant started = Instant.parse(execution(id).then().extract().path("[0].start"));
        assertThat(Duration.between(completed, started)).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));
    }

    @Test
    void capacityExhaustedFailsTheExecutionAndMovesOn() {
        HxRobot.start("Serial_Dilution", "1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(false)));
        String id = schedule("Starved " + System.nanoTime(), "ok", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("failed"))
                .body("[0].error", containsString("capacity exhausted"))
                .body("[0].error", containsString("robot is busy")));
        await().atMost(Duration.ofSeconds(2)).until(() -> events.stream().anyMatch(e -> e.type().equals("CAPACITY_EXHAUSTED")
                && id.equals(e.attributes().get("schedule_id"))));
    }

    @Test
    void anAbortNeedsManualRecovery() {
        String id = schedule("Aborting " + System.nanoTime(), "abort", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("aborted")).body("[0].exit_code", equalTo(64)));
        given().get("/api/v1/schedules/" + id).then()
                .body("last_run", notNullValue())
                .body("recovery_required.actor", equalTo("vigil"))
                .body("recovery_required.note", containsString("aborted"));
        given().get("/api/v1/scheduler/status").then().body("recovery_required.schedule_id", hasItem(id));
        assertThat(events).extracting(StreamEvent::type).contains("EXECUTION_ABORTED", "RECOVERY_REQUIRED");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(409);

        given().contentType(ContentType.JSON).body("{\"action\":\"resolve\",\"actor\":\"alice\",\"note\":\"tips replaced\"}")
                .post("/api/v1/schedules/" + id + "/recovery").then().statusCode(200)
                .body("recovery_required", nullValue()).body("version", equalTo(2));
    }

    @Test
    void failuresAreRetriedByOnePolicyThenGiveUp() {
        String id = schedule("Flaky " + System.nanoTime(), "fail",
                "{\"max_retries\":2,\"retry_delay\":\"0s\",\"backoff\":\"fixed\"}");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> execution(id).then()
                .body("size()", equalTo(3))
                .body("status", org.hamcrest.Matchers.everyItem(equalTo("failed")))
                .body("attempt", org.hamcrest.Matchers.containsInAnyOrder(1, 2, 3)));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> execution(id).then()
                .body("size()", equalTo(3)));
        assertThat(
                events.stream().filter(e -> e.type().equals("EXECUTION_FAILED") && id.equals(e.attributes().get("schedule_id")))
                        .map(e -> e.attributes().get("will_retry")))
                .containsExactly(true, true, false);
    }

    @Test
    void deletingAScheduleKeepsItsExecutionsWithNameAndPath() {
        String name = "Doomed " + System.nanoTime();
        String id = schedule(name, "ok", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));
        given().delete("/api/v1/schedules/" + id).then().statusCode(204);
        given().get("/api/v1/schedules/" + id).then().statusCode(404);
        execution(id).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].archived", equalTo(true))
                .body("[0].schedule_name", equalTo(name))
                .body("[0].experiment_path", equalTo("ok"));
    }

    @Test
    void dueSchedulesRunByThemselves() {
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Due %d","experiment_path":"ok","schedule_type":"once","start_at":"%s"}"""
                .formatted(System.nanoTime(), Instant.now().plusSeconds(1)))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));
        given().get("/api/v1/schedules/" + id).then().body("next_run", nullValue());
    }

    @Test
    void aRunOverItsExpectedDurationRaisesALongRunningAlert() {
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Slow %d","experiment_path":"sleep:3","schedule_type":"once","start_at":"%s","expected_duration":"1s"}"""
                .formatted(System.nanoTime(), Instant.now().plus(Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/alerts").then()
                .body("findAll { it.rule == 'ExecutionLongRunning' }.labels.schedule_id", hasItem(id)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));
    }

    @Test
    void anArchivedScheduleStopsAndSaysSo() {
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Retired %d","experiment_path":"ok","schedule_type":"cron","cron":"*/2 * * * * ?"}"""
                .formatted(System.nanoTime()))
                .post("/api/v1/schedules").then().statusCode(201).body("next_run", notNullValue()).extract().path("id");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/archive").then().statusCode(200)
                .body("archived", equalTo(true)).body("active", equalTo(false)).body("next_run", nullValue())
                .header("ETag", "\"2\"");
        given().queryParam("archived", true).get("/api/v1/schedules").then().body("id", hasItem(id));
        int runs = execution(id).then().extract().path("size()");
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> execution(id).then()
                .body("size()", equalTo(runs)));
    }

    @Test
    void executionEventsReachTheSchedulerTopic() {
        try (io.vigil.testing.JsonSocket socket = io.vigil.testing.JsonSocket.connect(endpoint)) {
            socket.send("{\"action\":\"subscribe\",\"topics\":[\"scheduler\"]}");
            socket.awaitMessage(Duration.ofSeconds(10), io.vigil.testing.JsonSocket.type("subscribed"));
            String id = schedule("Watched " + System.nanoTime(), "ok", null);
            given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
            com.fasterxml.jackson.databind.JsonNode completed = socket.awaitMessage(Duration.ofSeconds(15),
                    m -> m.path("type").asText().equals("event") && m.path("source").asText().equals("scheduler")
                            && m.path("event").asText().equals("EXECUTION_COMPLETED")
                            && m.path("data").path("schedule_id").asText().equals(id));
            assertThat(completed.path("data").path("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void theLaunchedRunEndingAbortedInHxRunAbortsTheExecution() {
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Followed %d","experiment_path":"sleep:4","schedule_type":"once","start_at":"%s"}"""
                .formatted(System.nanoTime(), Instant.now().plus(Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("running")));
        // The robot starts the method the command launched, then the operator aborts it.
        String run = HxRobot.start("sleep:4", "1");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/api/v1/experiments/" + run).then().statusCode(200));
        HxRobot.setState(run, "64", true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("aborted"))
                .body("[0].exit_code", equalTo(0))
                .body("[0].run_guid", equalTo(run))
                .body("[0].error", containsString("Aborted")));
        given().get("/api/v1/schedules/" + id).then().body("recovery_required.note", containsString(run));
    }

    @Inject
    io.vigil.store.VigilDatabase database;

    /**
     * A row another version or a hand edit left behind (a schedule type this version does not know, a retry policy it
     * refuses): listed as invalid with the reason, never run, removable; the other schedules still list and run.
     */
    @Test
    void aStoredScheduleThatCannotBeReadIsListedAsInvalidAndTheOthersGoOn() throws Exception {
        String bad = java.util.UUID.randomUUID().toString();
        String badRetry = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection c = database.connect()) {
            insertRaw(c, bad, "Fortnightly " + System.nanoTime(), "fortnightly", "fixed");
            insertRaw(c, badRetry, "Random backoff " + System.nanoTime(), "once", "random");
        }
        given().get("/api/v1/schedules").then().statusCode(200)
                .body("find { it.id == '" + bad + "' }.valid", equalTo(false))
                .body("find { it.id == '" + bad + "' }.error", containsString("fortnightly"))
                .body("find { it.id == '" + bad + "' }.experiment_path", equalTo("ok"))
                .body("find { it.id == '" + badRetry + "' }.error", containsString("random"));
        given().get("/api/v1/schedules/" + bad).then().statusCode(200).body("valid", equalTo(false));
        given().contentType("application/json").post("/api/v1/schedules/" + bad + "/run-now").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("cannot be read"));
        given().get("/api/v1/scheduler/status").then().statusCode(200);

        // The scheduler passes over them (both are due) and still runs what is due.
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Beside invalid %d","experiment_path":"ok","schedule_type":"once","start_at":"%s"}"""
                .formatted(System.nanoTime(), Instant.now().plusSeconds(1)))
                .post("/api/v1/schedules").then().statusCode(201).body("valid", equalTo(true)).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));
        execution(bad).then().statusCode(200).body("size()", equalTo(0));

        given().delete("/api/v1/schedules/" + bad).then().statusCode(204);
        given().delete("/api/v1/schedules/" + badRetry).then().statusCode(204);
        given().get("/api/v1/schedules/" + bad).then().statusCode(404);
    }

    private static void insertRaw(java.sql.Connection c, String id, String name, String type, String backoff) throws Exception {
        try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO schedule (id, name, experiment_path, schedule_type,"
                + " max_retries, retry_delay_ms, backoff, active, archived, next_run, retry_attempt, version, created_at,"
                + " updated_at) VALUES (?, ?, 'ok', ?, 0, 1000, ?, 1, 0, ?, 0, 1, ?, ?)")) {
            java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
            p.setString(1, id);
            p.setString(2, name);
            p.setString(3, type);
            p.setString(4, backoff);
            p.setTimestamp(5, java.sql.Timestamp.from(Instant.now().minusSeconds(5)));
            p.setTimestamp(6, now);
            p.setTimestamp(7, now);
            p.executeUpdate();
        }
    }

    /**
     * Archiving, pausing or deleting a schedule while its execution waits for the robot cancels that execution, says
     * who and why, and nothing is launched when the robot frees up.
     */
    @Test
    void archivingPausingOrDeletingCancelsTheWaitingExecution() {
        String run = HxRobot.start("Busy_Elsewhere", "1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(false)));
        String archived = schedule("Archived while waiting " + System.nanoTime(), "ok", null);
        String paused = schedule("Paused while waiting " + System.nanoTime(), "ok", null);
        String deleted = schedule("Deleted while waiting " + System.nanoTime(), "ok", null);
        for (String id : List.of(archived, paused, deleted)) {
            given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        }
        for (String id : List.of(archived, paused, deleted)) {
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> execution(id).then().body("[0].status", equalTo("waiting_capacity")));
        }

        given().contentType("application/json").post("/api/v1/schedules/" + archived + "/archive").then().statusCode(200);
        Response current = given().get("/api/v1/schedules/" + paused);
        given().contentType(ContentType.JSON).header("If-Match", current.header("ETag")).body("""
                {"name":"%s","experiment_path":"ok","schedule_type":"once","start_at":"%s","active":false}"""
                .formatted(current.path("name").toString(), Instant.now().plus(Duration.ofDays(1))))
                .put("/api/v1/schedules/" + paused).then().statusCode(200);
        given().delete("/api/v1/schedules/" + deleted).then().statusCode(204);

        String me = given().get("/api/v1/whoami").then().extract().path("name");
        for (var expected : Map.of(archived, "archived", paused, "paused", deleted, "deleted").entrySet()) {
            execution(expected.getKey()).then()
                    .body("size()", equalTo(1))
                    .body("[0].status", equalTo("cancelled"))
                    .body("[0].error", containsString(expected.getValue()))
                    .body("[0].error", containsString("by " + me))
                    .body("[0].start", nullValue());
        }
        HxRobot.setState(run, "128", true);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(true)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            for (String id : List.of(archived, paused, deleted)) {
                execution(id).then().body("size()", equalTo(1)).body("[0].status", equalTo("cancelled"));
            }
        });
        assertThat(events.stream().filter(e -> e.type().equals("EXECUTION_STARTED"))
                .map(e -> e.attributes().get("schedule_id"))).doesNotContain(archived, paused, deleted);
        assertThat(events.stream().filter(e -> e.type().equals("EXECUTION_CANCELLED"))
                .map(e -> e.attributes().get("schedule_id"))).contains(archived, paused, deleted);
    }

    /**
     * A launched job is tied to the HxRun run of its own method that starts after the launch: never to a run of
     * another method, nor to one of the same method that began before the launch.
     */
    @Test
    void aLaunchedJobIsTiedOnlyToARunOfItsOwnMethodStartedAfterTheLaunch() {
        // A run of the same method that began (and ended) well before the launch, seen by Vigil before it.
        String earlier = java.util.UUID.randomUUID().toString().toUpperCase();
        HxRobot.insert(earlier, "sleep:6", java.time.LocalDateTime.now().minusSeconds(30), java.time.LocalDateTime.now(), "128");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/api/v1/experiments/" + earlier).then().statusCode(200));
        String id = given().contentType(ContentType.JSON).body("""
                {"name":"Matched %d","experiment_path":"sleep:6","schedule_type":"once","start_at":"%s"}"""
                .formatted(System.nanoTime(), Instant.now().plus(Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(true)));
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("running")));
        // Another method shows up on the robot first: not this job's run.
        String other = HxRobot.start("DNA_Extraction", "1");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/api/v1/experiments/" + other).then().statusCode(200));
        HxRobot.setState(other, "128", true);
        String own = HxRobot.start("sleep:6", "1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then()
                .body("[0].status", equalTo("completed"))
                .body("[0].run_guid", equalTo(own)));
        HxRobot.setState(own, "128", true);
    }

    /**
     * A crashed HxRun process leaves its run Running: after the limit (4 s without a schedule's expected duration in
     * the test profile) it is listed as stuck and RobotRunStuck fires; an operator marks it as not blocking (on the
     * audit trail), the gate opens and a job runs; when the run ends, the alert resolves.
     */
    @Test
    void aStuckRunRaisesAnAlertAndAnOperatorCanLetTheSchedulerPastIt() {
        String run = HxRobot.start("Crashed_Method", "1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(false))
                .body("stuck_runs.run_guid", hasItem(run))
                .body("stuck_runs.find { it.run_guid == '" + run + "' }.release", nullValue()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/alerts").then()
                .body("find { it.rule == 'RobotRunStuck' && it.labels.run_guid == '" + run + "' }.state", equalTo("FIRING")));

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/scheduler/stuck-runs/" + run + "/release")
                .then().statusCode(400).body("field", equalTo("note"));
        given().contentType(ContentType.JSON).body("{\"note\":\"x\"}").post("/api/v1/scheduler/stuck-runs/NO-SUCH-RUN/release")
                .then().statusCode(404);
        given().noFilters().contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                .post("/api/v1/scheduler/stuck-runs/" + run + "/release").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"note\":\"HxRun crashed; robot checked, nothing on deck\"}")
                .post("/api/v1/scheduler/stuck-runs/" + run + "/release").then().statusCode(200)
                .body("release.note", equalTo("HxRun crashed; robot checked, nothing on deck"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.open", equalTo(true)));
        given().get("/api/v1/audit").then().statusCode(200)
                .body("target", hasItem(containsString("/api/v1/scheduler/stuck-runs/" + run + "/release")));
        String id = schedule("Past the stuck run " + System.nanoTime(), "ok", null);
        given().contentType("application/json").post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> execution(id).then().body("[0].status", equalTo("completed")));

        HxRobot.setState(run, "64", true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/alerts").then()
                .body("find { it.rule == 'RobotRunStuck' && it.labels.run_guid == '" + run + "' && it.state == 'FIRING' }",
                        nullValue()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("stuck_runs.run_guid", org.hamcrest.Matchers.not(hasItem(run))));
    }
}
