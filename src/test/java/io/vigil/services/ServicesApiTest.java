package io.vigil.services;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.hub.view.ServiceTarget;
import io.vigil.testing.SharedServers;

/** Targets made over /api/v1/services: validated, admin-only, stored, checked live, and never showing a header value. */
@QuarkusTest
@TestProfile(SharedServers.class)
class ServicesApiTest {

    private static final String SECRET = "Bearer peer-secret-7d1f0c";

    @Inject
    ServiceTargetStore store;

    private HttpServer peer;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
        given().delete("/api/v1/services/api-peer");
    }

    private String target(String extra) {
        return "{\"name\":\"api-peer\",\"url\":\"http://localhost:" + peer.getAddress().getPort() + "/health\","
                + "\"interval\":\"200ms\",\"timeout\":\"2s\",\"json_path\":\"$.status\",\"json_value\":\"UP\"" + extra + "}";
    }

    @Test
    void aTargetMadeOverTheApiIsStoredCheckedAndKeepsItsHeaderSecret() {
        String made = given().contentType("application/json")
                .body(target(",\"headers\":{\"Authorization\":\"" + SECRET + "\"}"))
                .post("/api/v1/services").then().statusCode(201)
                .header("Location", endsWith("/api/v1/services/api-peer"))
                .body("header_names", contains("Authorization"))
                .body("origin", equalTo("api"))
                .body("editable", equalTo(true))
                .extract().asString();
        assertThat(made).doesNotContain(SECRET);
        assertThat(given().get("/api/v1/services").then().statusCode(200).body("name", hasItem("api-peer")).extract().asString())
                .doesNotContain(SECRET);
        assertThat(store.all()).extracting(ServiceTarget::name).contains("api-peer");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/metrics/services").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("data.services.find { it.name == 'api-peer' }.state", equalTo("UP"))
                .body("data.services.find { it.name == 'api-peer' }.status_code", equalTo(200)));
        assertThat(given().get("/api/v1/metrics/services").asString()).doesNotContain(SECRET);
        assertThat(authorizations).contains(SECRET);

        // Leaving the headers out of a PUT keeps them.
        given().contentType("application/json").body(target(",\"timeout\":\"1s\"").replace("\"timeout\":\"2s\",", ""))
                .put("/api/v1/services/api-peer").then().statusCode(200)
                .body("header_names", contains("Authorization")).body("timeout", equalTo("PT1S"));
        authorizations.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> !authorizations.isEmpty());
        assertThat(authorizations).containsOnly(SECRET);

        given().delete("/api/v1/services/api-peer").then().statusCode(204);
        given().get("/api/v1/services/api-peer").then().statusCode(404);
        assertThat(store.all()).extracting(ServiceTarget::name).doesNotContain("api-peer");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/metrics/services").then()
                .body("data.services.name", not(hasItem("api-peer"))));
    }

    @Test
    void invalidTargetsAreRefusedNamingTheField() {
        refused("{\"name\":\"x\",\"url\":\"ftp://peer/\"}", "url");
        refused("{\"name\":\"x\",\"url\":\"tcp://peer\"}", "url");
        refused("{\"name\":\"has space\",\"url\":\"http://peer/\"}", "name");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"interval\":\"often\"}", "interval");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"timeout\":\"10m\"}", "timeout");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"expected_status\":\"2xx\"}", "expected_status");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"method\":\"BREW\"}", "method");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"headers\":{\"Bad Name\":\"v\"}}", "headers");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"json_value\":\"UP\"}", "json_value");
        refused("{\"name\":\"x\",\"url\":\"http://peer/\",\"max_response_time\":\"-1s\"}", "max_response_time");
    }

    private static void refused(String body, String field) {
        given().contentType("application/json").body(body).post("/api/v1/services").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    @Test
    void onlyAdminsChangeTargetsAndNobodyAnonymousReadsThem() {
        String viewer = given().contentType("application/json").body("{\"name\":\"services-viewer\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        given().noFilters().header("Authorization", "Bearer " + viewer).get("/api/v1/services").then().statusCode(200);
        given().noFilters().header("Authorization", "Bearer " + viewer).contentType("application/json").body(target(""))
                .post("/api/v1/services").then().statusCode(403);
        given().noFilters().get("/api/v1/services").then().statusCode(401);
    }

    @Test
    void aNameIsTakenOnceAndCannotBeChangedByPut() {
        given().contentType("application/json").body(target("")).post("/api/v1/services").then().statusCode(201);
        given().contentType("application/json").body(target("")).post("/api/v1/services").then().statusCode(409);
        given().contentType("application/json").body(target("").replace("\"api-peer\"", "\"other\""))
                .put("/api/v1/services/api-peer").then().statusCode(400).body("field", equalTo("name"));
        given().contentType("application/json").body(target("")).put("/api/v1/services/nobody").then().statusCode(404);
    }
}
