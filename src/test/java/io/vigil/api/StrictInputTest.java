package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.JsonBodies;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/**
 * Nothing is accepted that is not what was meant: no control characters in names, no number or boolean sent as a
 * string, no 1.5 read as 1, nothing after the JSON, no receiver that does not exist, no second schedule of a name.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class StrictInputTest {

    @TestHTTPResource("/api/v1/schedules")
    URI schedules;

    static String rule(String name, String extra) {
        return JsonBodies.merge(
                "{\"name\":\"" + name + "\",\"series\":\"strict.nothing\",\"op\":\">\",\"threshold\":1,\"severity\":\"info\""
                        + "}",
                extra);
    }

    static String schedule(String name, String extra) {
        return JsonBodies.merge("{\"name\":\"" + name + "\",\"experiment_path\":\"strict.med\",\"schedule_type\":\"interval\","
                + "\"interval_hours\":1,\"active\":false" + "}", extra);
    }

    static String silence(String extra) {
        return JsonBodies.merge("{\"matchers\":[{\"name\":\"alertname\",\"value\":\"StrictOnly\"}],\"ends_at\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\",\"created_by\":\"ana\",\"comment\":\"strict\"" + "}", extra);
    }

    static ValidatableResponse send(String method, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).request(method, path).then();
    }

    static void refused(ValidatableResponse answer, String field) {
        answer.statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }

    @Test
    void controlCharactersInNamesAreRefused() {
        refused(send("POST", "/api/v1/schedules", schedule("Strict\\u0000nul", "")), "name");
        refused(send("POST", "/api/v1/schedules", schedule("Strict: path", ",\"experiment_path\":\"a\\u0007.med\"")),
                "experiment_path");
        refused(send("POST", "/api/v1/contacts", "{\"name\":\"Ana\\u001b[31m\",\"email\":\"ana.strict@lab.test\"}"), "name");
        refused(send("POST", "/api/v1/contacts", "{\"name\":\"Ana\",\"email\":\"ana\\u0000@lab.test\"}"), "email");
        refused(send("POST", "/api/v1/silences", silence(",\"created_by\":\"ana\\u0000\"")), "created_by");
        refused(send("POST", "/api/v1/alert-rules", rule("StrictLabel", ",\"labels\":{\"team\":\"lab\\u0000\"}")), "labels.team");
        send("POST", "/api/v1/tokens", "{\"name\":\"strict\\u0000token\",\"role\":\"viewer\"}").statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("name"));
        // Free text may have line breaks.
        String id = send("POST", "/api/v1/silences", silence(",\"comment\":\"line one\\nline two\"")).statusCode(201)
                .extract().path("silence.id");
        given().delete("/api/v1/silences/" + id).then().statusCode(204);
    }

    @Test
    void numbersAndBooleansSentAsStringsAreRefused() {
        refused(send("POST", "/api/v1/alert-rules", rule("StrictThreshold", ",\"threshold\":\"90\"")), "threshold");
        refused(send("POST", "/api/v1/schedules", schedule("Strict: hours", ",\"interval_hours\":\"2\"")), "interval_hours");
        refused(send("POST", "/api/v1/schedules", schedule("Strict: active", ",\"active\":\"false\"")), "active");
        refused(send("POST", "/api/v1/alert-rules", rule("StrictEnabled", ",\"enabled\":\"false\"")), "enabled");
        refused(send("POST", "/api/v1/silences",
                silence(",\"matchers\":[{\"name\":\"alertname\",\"value\":\"X\",\"is_regex\":\"true\"}]")),
                "matchers[0].is_regex");
        refused(send("POST", "/api/v1/tokens", "{\"name\":\"strict days\",\"role\":\"viewer\",\"expires_in_days\":\"3\"}"),
                "expires_in_days");
        InputLimitsTest.keepingSmtpSettings(() -> refused(send("PUT", "/api/v1/notification-settings",
                "{\"host\":\"smtp.lab.test\",\"port\":\"25\",\"from\":\"vigil@lab.test\"}"), "port"));
    }

    @Test
    void fractionsAndNullsForWholeNumbersAreRefused() {
        InputLimitsTest.keepingSmtpSettings(() -> refused(send("PUT", "/api/v1/notification-settings",
                "{\"host\":\"smtp.lab.test\",\"port\":1.5,\"from\":\"vigil@lab.test\"}"), "port"));
        refused(send("POST", "/api/v1/schedules", schedule("Strict: retries",
                ",\"retry\":{\"max_retries\":1.5,\"retry_delay\":\"1m\",\"backoff\":\"fixed\"}")), "retry.max_retries");
        refused(send("POST", "/api/v1/schedules", schedule("Strict: null retries",
                ",\"retry\":{\"max_retries\":null,\"retry_delay\":\"1m\",\"backoff\":\"fixed\"}")), "retry.max_retries");
    }

    @Test
    void anythingAfterTheJsonIsRefused() {
        send("POST", "/api/v1/silences", silence("") + " xyz").statusCode(400).contentType("application/problem+json");
        send("POST", "/api/v1/silences", silence("") + " {}").statusCode(400).contentType("application/problem+json");
        send("POST", "/api/v1/alert-rules", "{} xyz").statusCode(400).contentType("application/problem+json");
        send("POST", "/api/v1/schedules", schedule("Strict: trailing", "") + "]").statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/schedules").then().statusCode(200).body("name", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem("Strict: trailing")));
    }

    @Test
    void aRuleMayNameOnlyReceiversThatExist() {
        refused(send("POST", "/api/v1/alert-rules", rule("StrictReceivers", ",\"receivers\":[\"email\",\"nobody\"]")),
                "receivers[1]");
        send("POST", "/api/v1/alert-rules", rule("StrictReceivers", ",\"receivers\":[\"email\"],\"enabled\":false"))
                .statusCode(201);
        given().delete("/api/v1/alert-rules/StrictReceivers").then().statusCode(204);
    }

    @Test
    void aBodyWithoutAContentTypeIsRefused() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(schedules)
                .header("Authorization", "Bearer " + Tokens.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(schedule("Strict: untyped", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
    }

    @Test
    void twoSchedulesCannotShareAName() {
        String first = send("POST", "/api/v1/schedules", schedule("Strict: twin", "")).statusCode(201).extract().path("id");
        send("POST", "/api/v1/schedules", schedule("Strict: twin", "")).statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("name"));
        send("POST", "/api/v1/schedules", schedule(" strict: TWIN ", "")).statusCode(409);
        String second = send("POST", "/api/v1/schedules", schedule("Strict: other", "")).statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(schedule("Strict: twin", ""))
                .put("/api/v1/schedules/" + second).then().statusCode(409).body("field", equalTo("name"));
        // A schedule keeps its own name when it is edited.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(schedule("Strict: twin", ",\"cron\":null"))
                .put("/api/v1/schedules/" + first).then().statusCode(200);
        given().delete("/api/v1/schedules/" + first).then().statusCode(204);
        given().delete("/api/v1/schedules/" + second).then().statusCode(204);
    }
}
