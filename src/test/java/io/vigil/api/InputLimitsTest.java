package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.JsonBodies;
import io.vigil.testing.SharedServers;

/**
 * Values larger than Vigil stores them (a string longer than its column, a duration or number that overflows) are
 * refused with 400 problem+json naming the field, never a 500 from the database or the arithmetic.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class InputLimitsTest {

    static final String LONG = "x".repeat(9000);

    static String rule(String name, String extra) {
        return JsonBodies.merge(
                "{\"name\":\"" + name + "\",\"series\":\"limits.nothing\",\"op\":\">\",\"threshold\":1,\"severity\":\"info\""
                        + "}",
                extra);
    }

    static String silence(String extra) {
        return JsonBodies.merge("{\"matchers\":[{\"name\":\"alertname\",\"value\":\"LimitsOnly\"}],\"ends_at\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\",\"created_by\":\"ana\",\"comment\":\"limits\"" + "}", extra);
    }

    static String schedule(String name, String extra) {
        return JsonBodies.merge("{\"name\":\"" + name + "\",\"experiment_path\":\"limits.med\",\"schedule_type\":\"interval\","
                + "\"interval_hours\":1,\"active\":false" + "}", extra);
    }

    static ValidatableResponse refused(ValidatableResponse answer, String field) {
        return answer.statusCode(400).contentType("application/problem+json").body("field", equalTo(field))
                .body("detail", not(emptyOrNullString()));
    }

    static ValidatableResponse send(String method, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).request(method, path).then();
    }

    @Test
    void aRuleLongerThanItsColumnIsRefusedNamingTheField() {
        refused(send("POST", "/api/v1/alert-rules", "{\"name\":\"LimitsSeries\",\"series\":\"limits." + LONG
                + "\",\"op\":\">\",\"threshold\":1,\"severity\":\"info\"}"), "series");
        refused(send("POST", "/api/v1/alert-rules", rule("LimitsLabel", ",\"labels\":{\"team\":\"" + LONG + "\"}")),
                "labels.team");
        refused(send("POST", "/api/v1/alert-rules", rule("LimitsAnnotation", ",\"annotations\":{\"summary\":\"" + LONG + "\"}")),
                "annotations.summary");
        // Each value within its limit, but together more than a rule's stored definition holds.
        StringBuilder many = new StringBuilder(",\"annotations\":{");
        for (int i = 0; i < 9; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"").append("y".repeat(1000)).append('"');
        }
        refused(send("POST", "/api/v1/alert-rules", rule("LimitsTotal", many + "}")), "annotations");
        given().get("/api/v1/alert-rules").then().statusCode(200);
    }

    @Test
    void aSilenceLongerThanItsColumnsIsRefusedNamingTheField() {
        refused(send("POST", "/api/v1/silences", silence(",\"created_by\":\"" + "a".repeat(201) + "\"")), "created_by");
        refused(send("POST", "/api/v1/silences", silence(",\"comment\":\"" + "c".repeat(2001) + "\"")), "comment");
        refused(send("POST", "/api/v1/silences", silence(",\"matchers\":[{\"name\":\"alertname\",\"value\":\"" + LONG + "\"}]")),
                "matchers[0].value");
        given().get("/api/v1/silences").then().statusCode(200);
    }

    @Test
    void aNullMatcherIsRefusedNamingItsPlace() {
        refused(send("POST", "/api/v1/silences", silence(",\"matchers\":[null]")), "matchers[0]");
        refused(send("POST", "/api/v1/silences",
                silence(",\"matchers\":[{\"name\":\"alertname\",\"value\":\"X\"},null]")), "matchers[1]");
    }

    @Test
    void anAcknowledgementLongerThanItsColumnsIsRefused() {
        refused(send("POST", "/api/v1/alerts/no-such-alert/ack", "{\"by\":\"" + "b".repeat(201) + "\"}"), "by");
        refused(send("POST", "/api/v1/alerts/no-such-alert/ack", "{\"by\":\"ana\",\"note\":\"" + "n".repeat(2001) + "\"}"),
                "note");
    }

    /** Runs checks that may store SMTP settings (on today's code), then puts back what other tests expect. */
    static void keepingSmtpSettings(Runnable checks) {
        boolean configured = "configuration".equals(given().get("/api/v1/notification-settings").path("source"));
        try {
            checks.run();
        } finally {
            if (configured) {
                given().delete("/api/v1/notification-settings").then().statusCode(200);
            }
        }
    }

    @Test
    void smtpSettingsLongerThanTheirColumnsAreRefused() {
        keepingSmtpSettings(() -> {
            refused(send("PUT", "/api/v1/notification-settings", "{\"host\":\"" + "h".repeat(256)
                    + "\",\"port\":25,\"from\":\"vigil@lab.test\"}"), "host");
            refused(send("PUT", "/api/v1/notification-settings", "{\"host\":\"smtp.lab.test\",\"port\":25,"
                    + "\"from\":\"vigil@lab.test\",\"username\":\"" + "u".repeat(321) + "\"}"), "username");
            refused(send("PUT", "/api/v1/notification-settings", "{\"host\":\"smtp.lab.test\",\"port\":25,"
                    + "\"from\":\"vigil@lab.test\",\"username\":\"u\",\"password\":\"" + "p".repeat(2000) + "\"}"), "password");
        });
    }

    @Test
    void scheduleDurationsAndNumbersThatOverflowAreRefused() {
        refused(send("POST", "/api/v1/schedules", schedule("Limits: expected", ",\"expected_duration\":\"999999999999d\"")),
                "expected_duration");
        refused(send("POST", "/api/v1/schedules", schedule("Limits: retry",
                ",\"retry\":{\"max_retries\":1,\"retry_delay\":\"999999999999d\",\"backoff\":\"fixed\"}")), "retry.retry_delay");
        refused(send("POST", "/api/v1/schedules", schedule("Limits: interval", ",\"interval_hours\":1e300")), "interval_hours");
        refused(send("POST", "/api/v1/schedules", schedule("Limits: numeric delay",
                ",\"retry\":{\"max_retries\":1,\"retry_delay\":1e300,\"backoff\":\"fixed\"}")), "retry.retry_delay");
        refused(send("POST", "/api/v1/schedules", "{\"name\":\"Limits: cron\",\"experiment_path\":\"limits.med\","
                + "\"schedule_type\":\"cron\",\"cron\":\"0 0 9 * * ?" + " ".repeat(300) + "\",\"active\":false}"), "cron");
        refused(send("POST", "/api/v1/alert-rules", rule("LimitsFor", ",\"for\":\"999999999999999d\"")), "for");
        given().get("/api/v1/schedules").then().statusCode(200);
    }

    @Test
    void aRecoveryActorLongerThanItsColumnIsRefused() {
        String id = send("POST", "/api/v1/schedules", schedule("Limits: recovery", "")).statusCode(201).extract().path("id");
        refused(send("POST", "/api/v1/schedules/" + id + "/recovery", "{\"action\":\"mark\",\"actor\":\"" + "a".repeat(201)
                + "\"}"), "actor");
        refused(send("POST", "/api/v1/schedules/" + id + "/recovery", "{\"action\":\"mark\",\"actor\":\"ana\",\"note\":\""
                + "n".repeat(2001) + "\"}"), "note");
        given().get("/api/v1/schedules/" + id).then().statusCode(200);
        given().delete("/api/v1/schedules/" + id).then().statusCode(204);
    }

    @Test
    void historyWindowsAndStepsThatOverflowAreRefused() {
        given().queryParam("series", "host.cpu.usage").queryParam("step", "9999999999999d").get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("step"));
        given().queryParam("series", "host.cpu.usage").queryParam("step", "PT0.0001S").get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("step"));
        given().queryParam("series", "host.cpu.usage").queryParam("window", "99999999999999999999d")
                .get("/api/v1/metrics/history")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("window"));
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKey() {
        String twice = rule("LimitsDuplicate", "");
        refused(send("POST", "/api/v1/alert-rules", twice.substring(0, twice.length() - 1) + ",\"severity\":\"critical\"}"),
                "severity").body("detail", containsString("severity"));
        String silence = silence("");
        refused(send("POST", "/api/v1/silences", silence.substring(0, silence.length() - 1) + ",\"comment\":\"again\"}"),
                "comment");
        refused(send("POST", "/api/v1/silences", silence("").replace("\"value\":", "\"name\":\"again\",\"value\":")),
                "matchers[0].name");
        keepingSmtpSettings(() -> refused(send("PUT", "/api/v1/notification-settings",
                "{\"host\":\"a\",\"host\":\"b\",\"port\":25,\"from\":\"vigil@lab.test\"}"), "host"));
        given().get("/api/v1/alert-rules/LimitsDuplicate").then().statusCode(404);
    }
}
