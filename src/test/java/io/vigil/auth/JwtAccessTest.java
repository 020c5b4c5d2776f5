package io.vigil.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vigil.testing.JsonSocket;
import io.vigil.testing.JwtIssuer;
import io.vigil.testing.LogCapture;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/**
 * The second way in: access tokens signed by the lab's OpenID provider (here {@link JwtIssuer}, standing in for a
 * Keycloak realm), with roles from {@code realm_access.roles} mapped to Vigil's, beside API tokens.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class JwtAccessTest {

    private static final String CONTACT = "{\"name\":\"jwt contact\",\"email\":\"jwt@lab.test\",\"min_severity\":\"info\"}";

    static JwtIssuer issuer;

    @TestHTTPResource("/ws/metrics")
    URI socket;

    @BeforeAll
    static void startTheProvider() {
        issuer = JwtIssuer.start();
    }

    @AfterAll
    static void stopTheProvider() {
        issuer.close();
    }

    private static RequestSpecification as(String jwt) {
        return given().noFilters().header("Authorization", "Bearer " + jwt);
    }

    /** Adds a contact and removes it again (other tests count the e-mails contacts get). */
    private static void addAndRemoveAContact(String jwt) {
        String id = as(jwt).contentType("application/json").body(CONTACT).post("/api/v1/contacts").then().statusCode(201)
                .extract().path("id");
        as(jwt).delete("/api/v1/contacts/" + id).then().statusCode(204);
    }

    @Test
    void anAdminJwtConfiguresAndIsAnOperatorAndViewerToo() {
        String jwt = issuer.sign(JwtIssuer.claims("ada", "admin"));
        addAndRemoveAContact(jwt);
        as(jwt).get("/api/v1/whoami").then().statusCode(200)
                .body("name", equalTo("ada")).body("role", equalTo("admin"))
                .body("roles", hasItems("admin", "operator", "viewer"));
    }

    @Test
    void aViewerJwtReadsButDoesNotConfigure() {
        String jwt = issuer.sign(JwtIssuer.claims("vic", "viewer"));
        as(jwt).get("/api/v1/status").then().statusCode(200);
        as(jwt).contentType("application/json").body(CONTACT).post("/api/v1/contacts").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void theProvidersGroupNamesAreMappedToVigilRoles() {
        String admin = issuer.sign(JwtIssuer.claims("grace", "lab-admins", "offline_access"));
        addAndRemoveAContact(admin);
        as(admin).get("/api/v1/whoami").then().body("role", equalTo("admin"))
                .body("roles", hasItems("lab-admins", "admin", "operator", "viewer"));

        String operator = issuer.sign(JwtIssuer.claims("otto", "lab-operators"));
        as(operator).get("/api/v1/whoami").then().body("role", equalTo("operator"));
        as(operator).get("/api/v1/status").then().statusCode(200);
        as(operator).contentType("application/json").body(CONTACT).post("/api/v1/contacts").then().statusCode(403);

        String nobody = issuer.sign(JwtIssuer.claims("nora", "offline_access"));
        as(nobody).get("/api/v1/whoami").then().statusCode(200).body("role", equalTo(null));
        as(nobody).get("/api/v1/status").then().statusCode(403);
    }

    @Test
    void aJwtWithoutAPreferredUsernameIsNamedByItsSubject() {
        JwtClaims claims = JwtIssuer.claims("unused", "viewer");
        claims.unsetClaim("preferred_username");
        claims.setSubject("service-account-robot");
        as(issuer.sign(claims)).get("/api/v1/whoami").then().statusCode(200).body("name", equalTo("service-account-robot"));
    }

    @Test
    void anExpiredForgedForeignOrMisaddressedJwtIsRefusedWithAProblem() {
        JwtClaims expired = JwtIssuer.claims("ada", "admin");
        expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        JwtClaims foreign = JwtIssuer.claims("ada", "admin");
        foreign.setIssuer("http://localhost:1/realms/elsewhere");
        JwtClaims misaddressed = JwtIssuer.claims("ada", "admin");
        misaddressed.setAudience("another-app");

        for (String jwt : new String[]{ issuer.sign(expired), JwtIssuer.signWithAnotherKey(JwtIssuer.claims("ada", "admin")),
                issuer.sign(foreign), issuer.sign(misaddressed) }) {
            as(jwt).get("/api/v1/status").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("detail", containsString("unknown, expired or revoked"));
        }
    }

    @Test
    void apiTokensKeepWorkingBesideJwts() {
        given().noFilters().header("Authorization", "Bearer " + Tokens.ADMIN).get("/api/v1/whoami").then().statusCode(200)
                .body("role", equalTo("admin"));
        given().noFilters().header("Authorization", "Bearer not-a-token-anyone-made").get("/api/v1/status").then()
                .statusCode(401);
    }

    @Test
    void theStreamTakesAJwtInTheHeaderOrTheQueryAndRefusesABadOne() {
        String jwt = issuer.sign(JwtIssuer.claims("vic", "viewer"));
        try (JsonSocket header = JsonSocket.connect(socket, jwt)) {
            header.awaitMessage(Duration.ofSeconds(10), JsonSocket.type("snapshot"));
        }
        try (JsonSocket query = JsonSocket.connect(URI.create(socket + "?token=" + jwt), null)) {
            query.awaitMessage(Duration.ofSeconds(10), JsonSocket.type("snapshot"));
        }
        String forged = JwtIssuer.signWithAnotherKey(JwtIssuer.claims("vic", "viewer"));
        try (LogCapture log = LogCapture.start()) {
            assertThat(upgradeStatus(socket, forged)).isEqualTo(401);
            assertThat(upgradeStatus(URI.create(socket + "?token=" + forged), null)).isEqualTo(401);
            assertThat(upgradeStatus(socket, "not-a-token-anyone-made")).isEqualTo(401);
            assertThat(log.entries()).as("a refused token is not an error of Vigil's").noneMatch(e -> e.contains("ERROR"));
        }
    }

    @Test
    void theStreamClosesWhenItsJwtExpires() throws Exception {
        JwtClaims shortLived = JwtIssuer.claims("vic", "viewer");
        shortLived.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 4));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ws(URI.create(socket + "?token=" + issuer.sign(shortLived))), new WebSocket.Listener() {

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).join();
        assertThat(closed).as("open until the token expires").isNotDone();
        await().atMost(Duration.ofSeconds(15)).until(closed::isDone);
        assertThat(closed.get()).isEqualTo(1008);
        ws.abort();
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    /** The HTTP status of a WebSocket upgrade, 101 when it succeeded. */
    private static int upgradeStatus(URI endpoint, String bearer) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            builder.buildAsync(ws(endpoint), new WebSocket.Listener() {
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
