package io.vigil.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.store.VigilDatabase;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;

/**
 * What a schedule means before it runs: the periods Vigil accepts, when a schedule without {@code start_at} first
 * runs, what resolving a recovery does to the next run, and errors that name the field at fault.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class ScheduleDefinitionTest {

    @Inject
    ExperimentScheduler scheduler;

    @Inject
    VigilDatabase database;

    @BeforeEach
    void robotIdle() {
        HxRobot.finishAll();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/scheduler/status").then()
                .body("gate.closed_because", org.hamcrest.Matchers.empty()));
    }

    private static String unique(String name) {
        return name + " " + System.nanoTime();
    }

    private static Response create(Map<String, Object> schedule) {
        return given().contentType(ContentType.JSON).body(schedule).post("/api/v1/schedules");
    }

    private static Response executions(String scheduleId) {
        return given().queryParam("schedule_id", scheduleId).get("/api/v1/executions");
    }

    /** Nothing of this schedule runs for a while: checked over the whole period, not once. */
    private static void neverRunsFor(String scheduleId, Duration period) {
        await().during(period).atMost(period.plusSeconds(3)).untilAsserted(() -> executions(scheduleId).then()
                .body("size()", equalTo(0)));
    }

    // Periods: from 1 minute to 10 years, whether sent or stored

    @Test
    void periodsOutsideAMinuteToTenYearsAreRefusedNamingIntervalHours() {
        for (Object hours : new Object[]{ 1e-12, 0.01, -2, 87_601, 1e300 }) {
            create(Map.of("name", unique("Period"), "experiment_path", "ok", "schedule_type", "interval", "interval_hours",
                    hours))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("interval_hours"))
                    .body("detail", containsString("1 minute")).body("detail", containsString("10 years"));
        }
        for (Object hours : new Object[]{ 1.0 / 60, 87_600 }) {
            String id = create(Map.of("name", unique("Period"), "experiment_path", "ok", "schedule_type", "interval",
                    "interval_hours", hours, "active", false)).then().statusCode(201).extract().path("id");
            given().delete("/api/v1/schedules/" + id).then().statusCode(204);
        }
    }

    /** A row stored before the bounds existed, or edited by hand: listed as invalid with the reason, never launched. */
    @Test
    void aStoredScheduleWhosePeriodIsOutOfRangeIsNeverLaunched() throws Exception {
        String tiny = UUID.randomUUID().toString();
        String huge = UUID.randomUUID().toString();
        try {
            insertDueInterval(tiny, unique("Stored tiny period"), 1e-12);
            insertDueInterval(huge, unique("Stored huge period"), 1e300);
            given().get("/api/v1/schedules").then().statusCode(200)
                    .body("find { it.id == '" + tiny + "' }.valid", equalTo(false))
                    .body("find { it.id == '" + tiny + "' }.error", containsString("interval_hours"))
                    .body("find { it.id == '" + huge + "' }.valid", equalTo(false))
                    .body("find { it.id == '" + huge + "' }.error", containsString("interval_hours"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
                executions(tiny).then().body("size()", equalTo(0));
                executions(huge).then().body("size()", equalTo(0));
            });
        } finally {
            given().delete("/api/v1/schedules/" + tiny);
            given().delete("/api/v1/schedules/" + huge);
        }
    }

    private void insertDueInterval(String id, String name, double hours) throws Exception {
        try (Connection c = database.connect();
                PreparedStatement p = c.prepareStatement("INSERT INTO schedule (id, name,"
                        + " experiment_path, schedule_type, interval_hours, start_at, max_retries, retry_delay_ms, backoff, active,"
                        + " archived, next_run, retry_attempt, version, created_at, updated_at)"
                        + " VALUES (?, ?, 'ok', 'interval', ?, ?, 0, 1000, 'fixed', 1, 0, ?, 0, 1, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            p.setString(1, id);
            p.setString(2, name);
            p.setDouble(3, hours);
            p.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(60)));
            p.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(5)));
            p.setTimestamp(6, now);
            p.setTimestamp(7, now);
            p.executeUpdate();
        }
    }

    // Resolving a recovery re-activates a schedule and launches nothing by itself

    @Test
    void resolvingTheRecoveryOfAOnceScheduleThatHasRunDoesNotRunItAgain() {
        String id = create(Map.of("name", unique("Once aborting"), "experiment_path", "abort", "schedule_type", "once",
                "start_at", Instant.now().plusSeconds(1).toString())).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/schedules/" + id).then()
                .body("recovery_required.actor", equalTo("vigil")));
        executions(id).then().body("size()", equalTo(1)).body("[0].status", equalTo("aborted"));

        given().contentType(ContentType.JSON).body(Map.of("action", "resolve", "actor", "alice", "note", "plate replaced"))
                .post("/api/v1/schedules/" + id + "/recovery").then().statusCode(200)
                .body("recovery_required", nullValue()).body("active", equalTo(true)).body("next_run", nullValue());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> executions(id).then()
                .body("size()", equalTo(1)));
        // Running it again is what run-now is for.
        given().contentType(ContentType.JSON).post("/api/v1/schedules/" + id + "/run-now").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> executions(id).then().body("size()", equalTo(2)));
    }

    @Test
    void resolvingTheRecoveryOfARepeatingScheduleContinuesAtItsNextRegularTime() {
        Instant start = Instant.now().minus(Duration.ofHours(1)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String id = create(Map.of("name", unique("Hourly aborting"), "experiment_path", "abort", "schedule_type", "interval",
                "interval_hours", 1, "start_at", start.toString())).then().statusCode(201)
                .body("next_run", equalTo(start.plus(Duration.ofHours(1)).toString())).extract().path("id");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/schedules/" + id).then()
                .body("recovery_required.actor", equalTo("vigil")));

        given().contentType(ContentType.JSON).body(Map.of("action", "resolve", "actor", "alice"))
                .post("/api/v1/schedules/" + id + "/recovery").then().statusCode(200)
                .body("recovery_required", nullValue()).body("next_run", equalTo(start.plus(Duration.ofHours(2)).toString()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> executions(id).then()
                .body("size()", equalTo(1)));
        given().delete("/api/v1/schedules/" + id).then().statusCode(204);
    }

    // The first run of a repeating schedule without start_at, and its period in the JSON

    @Test
    void anHourlyScheduleWithoutStartAtFirstRunsAtTheNextFullHourAndSaysSoAtOnce() {
        ZoneId zone = scheduler.zone();
        Instant before = Instant.now();
        Response created = create(Map.of("name", unique("Hourly"), "experiment_path", "ok", "schedule_type", "hourly"));
        Instant after = Instant.now();
        created.then().statusCode(201).body("period_hours", equalTo(1.0f)).body("interval_hours", nullValue());
        Instant nextRun = Instant.parse(created.path("next_run"));
        // The full hour after the request, in the schedule zone (the request may straddle one).
        assertThat(nextRun).isIn(before.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(),
                after.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant());
        assertThat(Instant.parse(created.path("start_at"))).isEqualTo(nextRun);
        String id = created.path("id");
        if (Duration.between(Instant.now(), nextRun).compareTo(Duration.ofSeconds(10)) > 0) {
            neverRunsFor(id, Duration.ofSeconds(2));
        }
        given().delete("/api/v1/schedules/" + id).then().statusCode(204);
    }

    @Test
    void dailyAndWeeklySchedulesWithoutStartAtBeginAtTheNextMidnightAndMonday() {
        ZoneId zone = scheduler.zone();
        LocalDate today = LocalDate.now(zone);
        Response daily = create(Map.of("name", unique("Daily"), "experiment_path", "ok", "schedule_type", "daily"));
        daily.then().statusCode(201).body("period_hours", equalTo(24.0f));
        LocalDate dayAfter = LocalDate.now(zone);
        assertThat(Instant.parse(daily.path("next_run"))).isIn(today.plusDays(1).atStartOfDay(zone).toInstant(),
                dayAfter.plusDays(1).atStartOfDay(zone).toInstant());
        neverRunsFor(daily.path("id"), Duration.ofSeconds(2));

        Response weekly = create(Map.of("name", unique("Weekly"), "experiment_path", "ok", "schedule_type", "weekly"));
        weekly.then().statusCode(201).body("period_hours", equalTo(168.0f));
        assertThat(Instant.parse(weekly.path("next_run")))
                .isIn(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant(),
                        LocalDate.now(zone).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant());
        given().delete("/api/v1/schedules/" + daily.path("id")).then().statusCode(204);
        given().delete("/api/v1/schedules/" + weekly.path("id")).then().statusCode(204);
    }

    @Test
    void anIntervalScheduleWithoutStartAtBeginsOneIntervalAfterItIsCreated() {
        Instant before = Instant.now();
        Response created = create(Map.of("name", unique("Interval"), "experiment_path", "ok", "schedule_type", "interval",
                "interval_hours", 1.5));
        Instant after = Instant.now();
        created.then().statusCode(201).body("period_hours", equalTo(1.5f)).body("interval_hours", equalTo(1.5f));
        assertThat(Instant.parse(created.path("next_run"))).isBetween(
                before.plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MILLIS),
                after.plus(Duration.ofMinutes(90)));
        given().delete("/api/v1/schedules/" + created.path("id")).then().statusCode(204);
    }

    @Test
    void onceAndCronSchedulesHaveNoPeriod() {
        Response cron = create(Map.of("name", unique("Cron"), "experiment_path", "ok", "schedule_type", "cron",
                "cron", "0 0 9 ? * MON-FRI", "active", false));
        cron.then().statusCode(201).body("period_hours", nullValue()).body("$", org.hamcrest.Matchers.hasKey("period_hours"));
        Response once = create(Map.of("name", unique("Once"), "experiment_path", "ok", "schedule_type", "once",
                "start_at", Instant.now().plus(Duration.ofDays(1)).toString()));
        once.then().statusCode(201).body("period_hours", nullValue());
        given().delete("/api/v1/schedules/" + cron.path("id")).then().statusCode(204);
        given().delete("/api/v1/schedules/" + once.path("id")).then().statusCode(204);
    }

    // A cron error names every accepted form

    @Test
    void aCronOfTheWrongShapeIsRefusedNamingEveryAcceptedForm() {
        create(Map.of("name", unique("Cron"), "experiment_path", "ok", "schedule_type", "cron", "cron", "0 9 * *"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("cron"))
                .body("detail", containsString("m h dom mon dow")).body("detail", containsString("0 9 * * 1-5"))
                .body("detail", containsString("s m h dom mon dow [year]")).body("detail", containsString("0 0 9 ? * MON-FRI"))
                .body("detail", not(containsString("[6, 7]")));
    }

    // A recovery request names the field at fault, the action first

    @Test
    void aBadRecoveryActionIsNamedBeforeTheActor() {
        String id = create(Map.of("name", unique("Recovery input"), "experiment_path", "ok", "schedule_type", "once",
                "start_at", Instant.now().plus(Duration.ofDays(1)).toString())).then().statusCode(201).extract().path("id");
        String recovery = "/api/v1/schedules/" + id + "/recovery";
        for (String body : new String[]{ "{\"action\":\"explode\",\"actor\":\"x\"}", "{\"action\":\"explode\"}",
                "{\"actor\":\"x\"}",
                "{}" }) {
            given().contentType(ContentType.JSON).body(body).post(recovery).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("action"))
                    .body("detail", containsString("mark")).body("detail", containsString("resolve"));
        }
        for (String body : new String[]{ "{\"action\":\"mark\"}", "{\"action\":\"resolve\",\"actor\":\" \"}" }) {
            given().contentType(ContentType.JSON).body(body).post(recovery).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("actor"));
        }
        given().contentType(ContentType.JSON).body(Map.of("action", "mark", "actor", "bob")).post(recovery).then().statusCode(200)
                .body("recovery_required.actor", equalTo("bob")).body("recovery_required.note", notNullValue());
        given().delete("/api/v1/schedules/" + id).then().statusCode(204);
    }
}
