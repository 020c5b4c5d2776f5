package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.SharedServers;

/**
 * Times outside what Vigil's database stores (the years 1970 to 9999) are refused naming the field, wherever a time is
 * taken, instead of being stored as another year.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class DateRangeTest {

    static final String FAR_FUTURE = "+1000000000-12-31T23:59:59Z";

    static ValidatableResponse send(String method, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).request(method, path).then();
    }

    static void refused(ValidatableResponse answer, String field) {
        answer.statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }

    static String silence(String startsAt, String endsAt) {
        return "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"DateRangeOnly\"}]," + (startsAt == null
                ? ""
                : "\"starts_at\":\"" + startsAt + "\",") + "\"ends_at\":\"" + endsAt
                + "\",\"created_by\":\"ana\",\"comment\":\"dates\"}";
    }

    static String schedule(String name, String startAt) {
        return "{\"name\":\"" + name + "\",\"experiment_path\":\"dates.med\",\"schedule_type\":\"once\",\"start_at\":\""
                + startAt + "\",\"active\":false}";
    }

    @Test
    void aSilenceEndingAfterTheYear9999IsRefused() {
        refused(send("POST", "/api/v1/silences", silence(null, FAR_FUTURE)), "ends_at");
        refused(send("POST", "/api/v1/silences", silence(null, "+1000000000-12-31")), "ends_at");
        refused(send("POST", "/api/v1/silences", silence(null, "+10000-01-01T00:00:00Z")), "ends_at");
        refused(send("POST", "/api/v1/silences", silence("-1000000000-01-01T00:00:00Z", "2099-01-01T00:00:00Z")), "starts_at");
        refused(send("POST", "/api/v1/silences", silence("1969-12-31T23:59:59Z", "2099-01-01T00:00:00Z")), "starts_at");
    }

    @Test
    void theLastDayOfTheYear9999IsStoredAndReadBackAsItWas() {
        String id = send("POST", "/api/v1/silences", silence(null, "9999-12-31T00:00:00Z")).statusCode(201)
                .body("silence.ends_at", equalTo("9999-12-31T00:00:00Z")).extract().path("silence.id");
        given().get("/api/v1/silences/" + id).then().statusCode(200).body("silence.ends_at", equalTo("9999-12-31T00:00:00Z"))
                .body("state", equalTo("active"));
        given().delete("/api/v1/silences/" + id).then().statusCode(204);
    }

    @Test
    void aScheduleStartingOutsideTheStoredYearsIsRefused() {
        refused(send("POST", "/api/v1/schedules", schedule("Dates: far", FAR_FUTURE)), "start_at");
        refused(send("POST", "/api/v1/schedules", schedule("Dates: early", "1900-01-01T00:00:00Z")), "start_at");
        given().get("/api/v1/schedules").then().statusCode(200);
    }

    @Test
    void aTokenExpiringAfterTheYear9999IsRefused() {
        send("POST", "/api/v1/tokens", "{\"name\":\"dates\",\"role\":\"viewer\",\"expires_at\":\"" + FAR_FUTURE + "\"}")
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("expires_at"));
        given().get("/api/v1/tokens").then().statusCode(200);
    }
}
