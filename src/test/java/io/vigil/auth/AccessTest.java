package io.vigil.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vigil.testing.Endpoints;
import io.vigil.testing.JsonSocket;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/**
 * Who gets in: every endpoint of every resource (found by reading the compiled classes, so a new one cannot be
 * forgotten) refuses an anonymous client with 401 problem+json, every change refuses a viewer with 403, the roles
 * nest, tokens end when revoked or expired, and the open paths stay open.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class AccessTest {

    /** An HTTP method and a path with its parameters filled in. */
    record Endpoint(String method, String path) {

        boolean change() {
            return !method.equals("GET");
        }
    }

    @TestHTTPResource("/ws/metrics")
    URI socket;

    static List<Endpoint> endpoints() throws IOException {
        return Endpoints.all().stream().map(e -> new Endpoint(e.method(), e.path())).toList();
    }

    /** The probes, and how the dashboard may sign in (asked before anyone has a token). */
    private static boolean open(Endpoint e) {
        return e.path().equals("/healthz") || e.path().equals("/readyz") || e.path().equals("/api/v1/auth/config");
    }

    /** Tokens and the audit trail are for admins' eyes only. */
    private static boolean adminOnlyRead(Endpoint e) {
        return e.path().startsWith("/api/v1/tokens") || e.path().startsWith("/api/v1/audit");
    }

    private static Response call(Endpoint e, String token) {
        var request = given().noFilters().contentType("application/json").body("{}");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.request(e.method(), e.path());
    }

    private static String token(String role) {
        return given().contentType("application/json").body("{\"name\":\"access-" + role + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    @Test
    void everyEndpointRefusesAnAnonymousClientWithAProblem() throws IOException {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the resources were found").hasSizeGreaterThan(30)
                .contains(new Endpoint("POST", "/api/v1/silences"), new Endpoint("POST", "/api/v1/schedules/x1/run-now"));
        for (Endpoint e : endpoints) {
            if (open(e)) {
                continue;
            }
            Response r = call(e, null);
            assertThat(r.statusCode()).as(e + " anonymous").isEqualTo(401);
            assertThat(r.contentType()).as(e + " content type").startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).as(e + " challenge").startsWith("Bearer");
        }
        Response wrong = call(new Endpoint("GET", "/api/v1/status"), "not-a-token-anyone-made");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body().asString()).contains("unknown, expired or revoked");
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() throws IOException {
        String viewer = token("viewer");
        for (Endpoint e : endpoints()) {
            if (open(e)) {
                continue;
            }
            Response r = call(e, viewer);
            if (e.change()) {
                assertThat(r.statusCode()).as(e + " as viewer").isEqualTo(403);
                assertThat(r.contentType()).startsWith("application/problem+json");
            } else if (!adminOnlyRead(e)) {
                assertThat(r.statusCode()).as(e + " as viewer").isNotIn(401, 403);
            } else {
                assertThat(r.statusCode()).as(e + " as viewer").isEqualTo(403);
            }
        }
    }

    @Test
    void anOperatorAcknowledgesSilencesAndRunsButDoesNotConfigure() {
        String operator = token("operator");
        String silence = "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"AccessTestOnly\"}],"
                + "\"ends_at\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\",\"created_by\":\"op\",\"comment\":\"access test\"}";
        given().noFilters().header("Authorization", "Bearer " + operator).contentType("application/json").body(silence)
                .post("/api/v1/silences").then().statusCode(201);
        given().noFilters().header("Authorization", "Bearer " + operator).contentType("application/json")
                .body("{\"name\":\"x\",\"email\":\"x@lab.test\",\"min_severity\":\"info\"}")
                .post("/api/v1/contacts").then().statusCode(403);
        given().noFilters().header("Authorization", "Bearer " + operator).contentType("application/json")
                .body("{\"name\":\"op-token\",\"role\":\"admin\"}").post("/api/v1/tokens").then().statusCode(403);
        given().noFilters().header("Authorization", "Bearer " + operator).get("/api/v1/whoami").then().statusCode(200)
                .body("name", equalTo("access-operator")).body("role", equalTo("operator"));
    }

    @Test
    void aTokenIsShownOnceStoredAsAHashAndEndsWhenRevoked() {
        Response made = given().contentType("application/json").body("{\"name\":\"to revoke\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens");
        made.then().statusCode(201).body("token", notNullValue()).body("token_info.role", equalTo("viewer"));
        String secret = made.path("token");
        String id = made.path("token_info.id");
        given().get("/api/v1/tokens").then().statusCode(200).body(not(containsString(secret)));
        given().noFilters().header("Authorization", "Bearer " + secret).get("/api/v1/status").then().statusCode(200);

        given().delete("/api/v1/tokens/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("revoked_at", notNullValue());
        given().noFilters().header("Authorization", "Bearer " + secret).get("/api/v1/status").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        given().contentType("application/json")
                .body("{\"name\":\"old\",\"role\":\"viewer\",\"expires_at\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/tokens").then().statusCode(400).body("detail", containsString("in the past"));
        given().contentType("application/json").body("{\"name\":\"bad role\",\"role\":\"root\"}")
                .post("/api/v1/tokens").then().statusCode(400).body("detail", containsString("viewer, operator or admin"));
    }

    @Test
    void probesMetricsAndTheDashboardStayOpen() {
        given().noFilters().get("/q/health/live").then().statusCode(200);
        given().noFilters().get("/healthz").then().statusCode(200);
        given().noFilters().get("/q/metrics").then().statusCode(200);
        given().noFilters().get("/").then().statusCode(200);
        given().noFilters().get("/dashboard/main.js").then().statusCode(200);
        // The test profile offers its provider's login: the page learns so before it has a token.
        given().noFilters().get("/api/v1/auth/config").then().statusCode(200)
                .body("oidc.name", equalTo("Lab Keycloak")).body("oidc.client_id", equalTo("vigil-dashboard"))
                .body("oidc.scopes", equalTo("openid profile"))
                .body("oidc.token_url", containsString("/realms/lab/protocol/openid-connect/token"));
    }

    @Test
    void onlyTheAllowedHostNamesAreAnswered() {
        // The test profile allows vigil.lab.test (and loopback names) against DNS rebinding.
        given().header("Host", "vigil.lab.test").get("/api/v1/status").then().statusCode(200);
        given().header("Host", "localhost").get("/api/v1/status").then().statusCode(200);
        given().header("Host", "rebound.attacker.example").get("/api/v1/status").then().statusCode(421)
                .contentType("application/problem+json").body("detail", containsString("allowed-hosts"));
        given().noFilters().header("Host", "10.1.2.3:8080").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void changesAcceptJsonOnly() {
        String id = given().contentType("application/json")
                .body("{\"name\":\"Access: form post\",\"experiment_path\":\"ok\",\"schedule_type\":\"once\",\"start_at\":\""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().contentType("application/x-www-form-urlencoded").formParam("a", "b")
                .post("/api/v1/schedules/" + id + "/run-now").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("application/json"));
        given().contentType("text/plain").body("archive")
                .post("/api/v1/schedules/" + id + "/archive").then().statusCode(415);
        given().get("/api/v1/schedules/" + id).then().statusCode(200).body("archived", equalTo(false));
        given().get("/api/v1/executions?schedule_id=" + id).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theStreamNeedsATokenAndAnAllowedOrigin() {
        assertThat(upgradeStatus(null, null)).isEqualTo(401);
        assertThat(upgradeStatus(Tokens.ADMIN, "https://evil.example")).isEqualTo(403);
        try (JsonSocket ok = JsonSocket.connect(socket)) {
            ok.awaitMessage(Duration.ofSeconds(10), JsonSocket.type("snapshot"));
        }
    }

    @Test
    void revokingATokenClosesItsSocketWithPolicyViolation() throws Exception {
        Response made = given().contentType("application/json").body("{\"name\":\"socket\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens");
        String secret = made.path("token");
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<Boolean> snapshot = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(socket.toString().replaceFirst("^http", "ws") + "?token=" + secret),
                        new WebSocket.Listener() {

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                snapshot.complete(true);
                                webSocket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }
                        })
                .join();
        // Opened for good: the first message (the snapshot) came.
        await().atMost(Duration.ofSeconds(10)).until(snapshot::isDone);
        assertThat(closed).isNotDone();
        given().delete("/api/v1/tokens/" + made.path("token_info.id")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(closed::isDone);
        assertThat(closed.get()).isEqualTo(1008);
        ws.abort();
    }

    /** The HTTP status of a WebSocket upgrade, 101 when it succeeded. */
    private int upgradeStatus(String token, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            builder.buildAsync(URI.create(socket.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
            }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }
}
