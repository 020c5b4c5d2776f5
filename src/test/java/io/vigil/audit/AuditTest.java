package io.vigil.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.LogCapture;
import io.vigil.testing.SharedServers;

/**
 * Every change asked of the API is on record, made or refused: who (by token name, or anonymous), what, when, from
 * where and how it ended; never a secret. Only an admin reads the record, and old records go.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class AuditTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AuditStore store;

    @Inject
    AuditRetention retention;

    @Test
    void anAdminsChangeIsRecordedWithTheTokensNameMethodPathAndStatus() {
        String name = unique("audit-admin");
        String admin = token(name, "admin");
        String contact = given().noFilters().header("Authorization", "Bearer " + admin).contentType("application/json")
                .body("{\"name\":\"Audit\",\"email\":\"" + name + "@lab.test\",\"min_severity\":\"info\"}")
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");

        Map<String, Object> record = awaitRecord(name, "/api/v1/contacts");
        assertThat(record).containsEntry("auth", "token").containsEntry("action", "POST").containsEntry("outcome", 201);
        assertThat((String) record.get("remote")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
        assertThat(Instant.parse((String) record.get("at"))).isBetween(Instant.now().minusSeconds(60), Instant.now());

        given().noFilters().header("Authorization", "Bearer " + admin).delete("/api/v1/contacts/" + contact).then()
                .statusCode(204);
        assertThat(awaitRecord(name, "/api/v1/contacts/" + contact)).containsEntry("action", "DELETE")
                .containsEntry("outcome", 204);
    }

    @Test
    void anAnonymousRefusedChangeIsRecordedAsAnonymous() {
        String path = "/api/v1/schedules/" + unique("audit-anonymous") + "/run-now";
        given().noFilters().contentType("application/json").post(path).then().statusCode(401);
        Map<String, Object> anonymous = awaitRecord("anonymous", path);
        assertThat(anonymous).containsEntry("auth", "anonymous").containsEntry("outcome", 401);
        assertThat(anonymous.get("detail")).isNull();

        String refused = "/api/v1/schedules/" + unique("audit-bad-token") + "/run-now";
        given().noFilters().header("Authorization", "Bearer not-a-token-anyone-made").contentType("application/json")
                .post(refused).then().statusCode(401);
        assertThat(awaitRecord("anonymous", refused)).containsEntry("outcome", 401)
                .containsEntry("detail", "credentials refused");
    }

    @Test
    void refusedChangesAreRecordedWithWhoAskedAndWhy() {
        String viewerName = unique("audit-viewer");
        String viewer = token(viewerName, "viewer");
        given().noFilters().header("Authorization", "Bearer " + viewer).contentType("application/json").body("{}")
                .post("/api/v1/contacts").then().statusCode(403);
        assertThat(awaitRecord(viewerName, "/api/v1/contacts")).containsEntry("outcome", 403).containsEntry("auth", "token");

        String adminName = unique("audit-refused");
        String admin = token(adminName, "admin");
        // Refused before any endpoint checked the token: the record still names who sent it.
        given().noFilters().header("Authorization", "Bearer " + admin).contentType("text/plain").body("x")
                .post("/api/v1/contacts").then().statusCode(415);
        assertThat(awaitRecord(adminName, "/api/v1/contacts")).containsEntry("outcome", 415);
        given().noFilters().header("Authorization", "Bearer " + admin).contentType("application/json")
                .body("{\"name\":\"x\",\"role\":\"root\"}").post("/api/v1/tokens").then().statusCode(400);
        assertThat(awaitRecord(adminName, "/api/v1/tokens")).containsEntry("outcome", 400);
    }

    @Test
    void onlyAnAdminReadsTheAudit() {
        String viewer = token(unique("audit-reader"), "viewer");
        given().noFilters().header("Authorization", "Bearer " + viewer).get("/api/v1/audit").then().statusCode(403);
        String operator = token(unique("audit-operator"), "operator");
        given().noFilters().header("Authorization", "Bearer " + operator).get("/api/v1/audit").then().statusCode(403);
        given().noFilters().get("/api/v1/audit").then().statusCode(401);
        given().get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void aNewTokensSecretReachesNeitherTheAuditNorTheLogWhichHasALineForTheChange() {
        String name = unique("audit-secret");
        try (LogCapture log = LogCapture.start()) {
            String secret = token(name, "viewer");
            // Its maker is the test admin; the record of its making is the newest POST of /api/v1/tokens with a 201.
            await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.contains("POST /api/v1/tokens -> 201 by initial-admin (token) from ")));
            given().noFilters().header("Authorization", "Bearer " + secret).contentType("application/json").body("{}")
                    .post("/api/v1/contacts").then().statusCode(403);
            awaitRecord(name, "/api/v1/contacts");

            assertThat(given().get("/api/v1/audit?limit=1000").then().statusCode(200).extract().asString())
                    .contains(name).doesNotContain(secret);
            assertThat(log.entries()).noneMatch(e -> e.contains(secret));
        }
    }

    @Test
    void aForwardedForHeaderIsNotTakenWhileProxyForwardingIsOff() {
        String name = unique("audit-forwarded");
        String admin = token(name, "admin");
        given().noFilters().header("Authorization", "Bearer " + admin).header("X-Forwarded-For", "203.0.113.9")
                .contentType("application/json").body("{\"name\":\"x\",\"role\":\"root\"}").post("/api/v1/tokens").then()
                .statusCode(400);
        assertThat(awaitRecord(name, "/api/v1/tokens").get("remote")).isNotEqualTo("203.0.113.9");
    }

    @Test
    void limitSinceAndActorSelectRecordsNewestFirst() {
        String name = unique("audit-filter");
        String admin = token(name, "admin");
        String first = "/api/v1/schedules/" + unique("first") + "/run-now";
        run(admin, first);
        awaitRecord(name, first);
        Instant between = Instant.now();
        String second = "/api/v1/schedules/" + unique("second") + "/run-now";
        String third = "/api/v1/schedules/" + unique("third") + "/run-now";
        run(admin, second);
        awaitRecord(name, second);
        run(admin, third);
        awaitRecord(name, third);

        assertThat(targets("actor=" + name)).containsExactly(third, second, first);
        assertThat(targets("actor=" + name + "&limit=2")).containsExactly(third, second);
        assertThat(targets("actor=" + name + "&since=" + between)).containsExactly(third, second);
        assertThat(targets("actor=" + name + "&since=" + Instant.now().plusSeconds(3600))).isEmpty();
        List<String> actors = given().get("/api/v1/audit?limit=1000").then().statusCode(200).extract().path("actor");
        assertThat(actors).contains(name).hasSizeGreaterThan(3);
        assertThat(given().get("/api/v1/audit").then().statusCode(200).extract().<List<?>>path("$"))
                .hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void badParametersAreAProblem() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "since=yesterday")) {
            given().get("/api/v1/audit?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(query.substring(0, query.indexOf('='))));
        }
    }

    @Test
    void aFailedAuditWriteIsLoggedAndTheChangeStillSucceeds() {
        QuarkusMock.installMockForType(new AuditStore(null) {

            @Override
            public void insert(AuditEvent e) {
                throw new IllegalStateException("the database is away");
            }
        }, AuditStore.class);
        try (LogCapture log = LogCapture.start()) {
            token(unique("audit-unwritten"), "viewer");
            await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(
                    l -> l.contains("Audit record of POST /api/v1/tokens (201) not written: the database is away")));
        }
    }

    @Test
    void recordsOlderThanTheRetentionAreDeleted() {
        String name = unique("audit-retention");
        Instant now = Instant.now();
        store.insert(new AuditEvent(UUID.randomUUID().toString(), now.minus(Duration.ofDays(91)), name, "token", "POST",
                "/api/v1/old", 201, "127.0.0.1", null));
        store.insert(new AuditEvent(UUID.randomUUID().toString(), now.minus(Duration.ofDays(89)), name, "token", "POST",
                "/api/v1/recent", 201, "127.0.0.1", null));

        assertThat(retention.prune(now)).isPositive();
        assertThat(store.newest(10, null, name)).extracting(AuditEvent::target).containsExactly("/api/v1/recent");
    }

    private static void run(String token, String path) {
        given().noFilters().header("Authorization", "Bearer " + token).contentType("application/json").post(path).then()
                .statusCode(404);
    }

    private static List<String> targets(String query) {
        return given().get("/api/v1/audit?" + query).then().statusCode(200).extract().path("target");
    }

    /** The newest record of this actor on this path, once it is written (records are written after the answer). */
    private static Map<String, Object> awaitRecord(String actor, String target) {
        return await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> records = given().queryParam("actor", actor).queryParam("limit", 1000)
                    .get("/api/v1/audit").then().statusCode(200).extract().path("$");
            return records.stream().filter(r -> target.equals(r.get("target"))).findFirst().orElse(null);
        }, r -> r != null);
    }

    private static String token(String name, String role) {
        return given().contentType("application/json").body("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
