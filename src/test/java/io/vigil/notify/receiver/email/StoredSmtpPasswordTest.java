package io.vigil.notify.receiver.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.notify.contacts.Contact;
import io.vigil.notify.contacts.ContactStore;
import io.vigil.testing.SharedServers;

/**
 * The stored SMTP password goes only to the server it was given for: whoever points the settings at another server
 * (host, port, TLS mode or username) must send the password again, or drop it. Otherwise anyone who may PUT the
 * settings could have Vigil log in to their own server with it.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class StoredSmtpPasswordTest {

    /** The lab's mail server, for which the password was stored. */
    @RegisterExtension
    static GreenMailExtension lab = new GreenMailExtension(ServerSetupTest.SMTP);

    /** A server someone else runs, to which the stored password must never go. */
    @RegisterExtension
    static GreenMailExtension elsewhere = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Inject
    SmtpSettingsStore settings;

    @Inject
    ContactStore contacts;

    Contact contact;

    @BeforeEach
    void storedForTheLabServer() {
        settings.clear();
        contacts.all().forEach(c -> contacts.delete(c.id()));
        contact = contacts.create(Contact.of(null, "Olga Ops", "ops@lab.test", "info"));
        lab.setUser("alerts@lab.test", "vigil", "s3cret");
        put(json("localhost", 3025, "none", "vigil", ", \"password\": \"s3cret\""))
                .statusCode(200).body("password_set", equalTo(true));
    }

    @AfterEach
    void forget() {
        settings.clear();
        contacts.delete(contact.id());
    }

    static String json(String host, int port, String tls, String username, String password) {
        return "{\"host\": \"" + host + "\", \"port\": " + port + ", \"tls\": \"" + tls + "\", \"from\": \"alerts@lab.test\","
                + " \"username\": \"" + username + "\"" + password + "}";
    }

    static ValidatableResponse put(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/notification-settings").then();
    }

    @Test
    void pointingTheSettingsElsewhereWithoutThePasswordIsRefusedAndChangesNothing() {
        int port = elsewhere.getSmtp().getPort();
        put(json("127.0.0.1", port, "none", "vigil", ""))
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("password"))
                .body("detail", containsString("changing the SMTP host and port requires the password again"))
                .body("detail", containsString("\"password\": null"));
        put(json("localhost", 3025, "starttls", "vigil", ""))
                .statusCode(400).body("detail", containsString("changing the SMTP TLS mode requires the password again"));
        put(json("localhost", 3025, "none", "someone", ""))
                .statusCode(400).body("detail", containsString("changing the SMTP username requires the password again"));

        given().get("/api/v1/notification-settings").then().statusCode(200)
                .body("host", equalTo("localhost"))
                .body("port", equalTo(3025))
                .body("tls", equalTo("none"))
                .body("username", equalTo("vigil"))
                .body("password_set", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"receiver\": \"email\"}").post("/api/v1/notifications/test")
                .then().statusCode(200).body("results[0].outcome", equalTo("success"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Mails.withSubject(lab, "[TEST]").size() == 1);
        assertThat(elsewhere.getReceivedMessages()).isEmpty();
        assertThat(elsewhere.getUserManager().getUser("vigil")).isNull();
    }

    @Test
    void anotherServerWithThePasswordIsTakenAndANullPasswordDropsTheStoredOne() {
        int port = elsewhere.getSmtp().getPort();
        put(json("127.0.0.1", port, "none", "vigil", ", \"password\": \"an0ther\""))
                .statusCode(200).body("host", equalTo("127.0.0.1")).body("password_set", equalTo(true))
                .body(not(containsString("an0ther")));
        put(json("localhost", 3025, "none", "vigil", ", \"password\": null"))
                .statusCode(200).body("host", equalTo("localhost")).body("password_set", equalTo(false));
    }

    @Test
    void whatDoesNotMoveThePasswordKeepsIt() {
        put("{\"host\": \"LOCALHOST\", \"port\": 3025, \"tls\": \"none\", \"from\": \"vigil@lab.test\", \"username\": \"vigil\"}")
                .statusCode(200).body("from", equalTo("vigil@lab.test")).body("password_set", equalTo(true));
    }
}
