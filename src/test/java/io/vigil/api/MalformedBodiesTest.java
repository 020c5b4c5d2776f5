package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.testing.SharedServers;

/**
 * Bodies that are not what an endpoint takes get 400 problem+json saying which field is wrong and what it should be,
 * in the API's words: no Java types, packages or library names.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class MalformedBodiesTest {

    record Case(String method, String path, String body) {
    }

    static final String RULE = "{\"name\": \"Malformed\", \"series\": \"host.cpu.usage\", \"op\": \">\", \"threshold\": 90,";
    static final String SILENCE = "{\"matchers\": [{\"name\": \"alertname\", \"value\": \"X\"}], \"ends_at\": \"2099-01-01T00:00:00Z\","
            + " \"created_by\": \"ana\", \"comment\": \"test\",";
    static final String SCHEDULE = "{\"name\": \"Malformed\", \"experiment_path\": \"m.med\", \"schedule_type\": \"interval\","
            + " \"interval_hours\": 1,";
    static final String CONTACT = "{\"name\": \"Malformed\", \"email\": \"m@lab.test\",";

    static final List<Case> CASES = List.of(
            new Case("POST", "/api/v1/alert-rules", RULE.replace("\"threshold\": 90,", "\"threshold\": \"high\"}")),
            new Case("POST", "/api/v1/alert-rules", RULE + " \"for\": \"banana\"}"),
            new Case("POST", "/api/v1/alert-rules", RULE + " \"keep_firing_for\": [1]}"),
            new Case("POST", "/api/v1/alert-rules", RULE + " \"labels\": \"team=lab\"}"),
            new Case("POST", "/api/v1/alert-rules", RULE + " \"labels\": {\"team\": {\"a\": 1}}}"),
            new Case("POST", "/api/v1/alert-rules", RULE + " \"nmae\": \"typo\"}"),
            new Case("POST", "/api/v1/alert-rules", "[1, 2]"),
            new Case("POST", "/api/v1/alert-rules", "\"a rule\""),
            new Case("POST", "/api/v1/alert-rules", RULE),
            new Case("POST", "/api/v1/alert-rules", "{\"name\": 'single'}"),
            new Case("PUT", "/api/v1/alert-rules/Malformed", RULE.replace("\"threshold\": 90,", "\"threshold\": {}}")),
            new Case("POST", "/api/v1/silences", SILENCE + " \"starts_at\": \"tomorrow\"}"),
            new Case("POST", "/api/v1/silences",
                    SILENCE.replace("[{\"name\": \"alertname\", \"value\": \"X\"}]", "\"alertname=X\"")
                            .replaceAll(",$", "}")),
            new Case("POST", "/api/v1/silences", "{\"matchers\": [{\"value\": \"X\"}], \"ends_at\": \"2099-01-01T00:00:00Z\"}"),
            new Case("POST", "/api/v1/silences",
                    "{\"matchers\": [{\"name\": \"a\", \"value\": \"b\", \"is_regex\": \"maybe\"}]}"),
            new Case("POST", "/api/v1/silences", "{\"matchers\": [{\"name\": \"a\", \"value\": {}}]}"),
            new Case("POST", "/api/v1/silences", SILENCE + " \"unknown\": 1}"),
            new Case("POST", "/api/v1/schedules", SCHEDULE.replace("\"interval_hours\": 1,", "\"interval_hours\": \"often\"}")),
            new Case("POST", "/api/v1/schedules", SCHEDULE + " \"start_at\": \"next monday\"}"),
            new Case("POST", "/api/v1/schedules", SCHEDULE + " \"active\": \"yes\"}"),
            new Case("POST", "/api/v1/schedules", SCHEDULE + " \"retry\": 3}"),
            new Case("POST", "/api/v1/schedules", SCHEDULE + " \"retry\": {\"max_retries\": \"two\"}}"),
            new Case("POST", "/api/v1/schedules", SCHEDULE + " \"expected_duration\": \"soon\"}"),
            new Case("POST", "/api/v1/schedules", "{\"name\": "),
            new Case("POST", "/api/v1/contacts", CONTACT.replace("\"Malformed\"", "{\"first\": \"M\"}").replaceAll(",$", "}")),
            new Case("POST", "/api/v1/contacts", CONTACT.replace("\"email\": \"m@lab.test\",", "\"email\": [\"m@lab.test\"]}")),
            new Case("POST", "/api/v1/contacts", CONTACT + " \"phone\": \"123\"}"),
            new Case("POST", "/api/v1/contacts", "not json at all"),
            new Case("PUT", "/api/v1/contacts/nobody", "[]"),
            new Case("PUT", "/api/v1/notification-settings", "{\"host\": \"smtp\", \"port\": \"twenty-five\"}"),
            new Case("PUT", "/api/v1/notification-settings", "{\"host\": \"smtp\", \"extra\": true}"),
            new Case("POST", "/api/v1/notifications/test", "{\"receiver\": [\"hook\"]}"));

    @Test
    void malformedBodiesAreRefusedInTheApisWordsWithoutJavaTypes() {
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            Response r = given().contentType(ContentType.JSON).body(c.body()).request(c.method(), c.path());
            String answer = r.asString();
            if (r.statusCode() != 400 || !String.valueOf(r.contentType()).startsWith("application/problem+json")
                    || answer.contains("java.") || answer.contains("io.vigil") || answer.contains("com.fasterxml")
                    || answer.contains("jackson") || answer.contains("Source: ") || answer.contains("`")) {
                wrong.add(
                        c.method() + " " + c.path() + " " + c.body() + "\n    -> " + r.statusCode() + " " + r.contentType() + " "
                                + answer);
            }
        }
        assertThat(wrong).as("answers that are not a clean 400 problem").isEmpty();
    }

    @Test
    void theDetailNamesTheFieldAndTheKindOfValueItTakes() {
        given().contentType(ContentType.JSON).body(SILENCE + " \"starts_at\": \"tomorrow\"}").post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("starts_at"))
                .body("detail",
                        equalTo("field 'starts_at' must be an ISO-8601 time such as 2026-05-01T08:00:00Z, got 'tomorrow'"));
        given().contentType(ContentType.JSON).body(SCHEDULE.replace("\"interval_hours\": 1,", "\"interval_hours\": \"often\"}"))
                .post("/api/v1/schedules")
                .then().statusCode(400)
                .body("field", equalTo("interval_hours"))
                .body("detail", equalTo("field 'interval_hours' must be a number, got 'often'"));
        given().contentType(ContentType.JSON).body("{\"matchers\": \"alertname=X\"}").post("/api/v1/silences")
                .then().statusCode(400)
                .body("detail", equalTo("field 'matchers' must be a list"));
        given().contentType(ContentType.JSON).body("{\"matchers\": [{\"name\": \"a\", \"value\": {}}]}").post("/api/v1/silences")
                .then().statusCode(400)
                .body("field", equalTo("matchers[0].value"))
                .body("detail", equalTo("field 'matchers[0].value' must be a string"));
        given().contentType(ContentType.JSON).body(CONTACT + " \"phone\": \"123\"}").post("/api/v1/contacts")
                .then().statusCode(400)
                .body("field", equalTo("phone"))
                .body("detail", equalTo("field 'phone' is not known here; known fields: email, id, min_severity, name"));
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/alert-rules")
                .then().statusCode(400)
                .body("detail", equalTo("the body must be a JSON object"));
    }
}
