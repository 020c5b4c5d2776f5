package io.vigil.source.experiments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;

/** The experiments source against a real H2 database in SQL Server mode, written to as the robot would. */
@QuarkusTest
@TestProfile(SharedServers.class)
class ExperimentsSourceTest {

    @Inject
    MetricsHub hub;

    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private Cancellable listening;

    @BeforeEach
    void listen() {
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.health("experiments").orElseThrow().status().name().equals("UP"));
        HxRobot.finishAll();
        listening = hub.messages().subscribe().with(m -> {
            if (m instanceof HubMessage.Event e && e.event().source().equals("experiments")) {
                events.add(e.event());
            }
        });
    }

    @AfterEach
    void stopListening() {
        listening.cancel();
        HxRobot.finishAll();
    }

    @Test
    void everyStateCodeIsFollowed() {
        String guid = HxRobot.start("PCR_Setup", "1");
        awaitEvent(guid, "RUN_STARTED");
        given().get("/api/v1/experiments").then().statusCode(200)
                .body("robot_busy", equalTo(true))
                .body("current_run.run_guid", equalTo(guid))
                .body("current_run.state", equalTo("RUNNING"));

        HxRobot.setState(guid, "2", false);
        awaitEvent(guid, "RUN_PAUSED");
        given().get("/api/v1/experiments/" + guid).then().statusCode(200).body("state", equalTo("PAUSED"));

        HxRobot.setState(guid, "1", false);
        awaitEvent(guid, "RUN_RESUMED");

        HxRobot.setState(guid, "128", true);
        StreamEvent completed = awaitEvent(guid, "RUN_COMPLETED");
        assertThat(completed.attributes()).containsEntry("is_newly_completed", true)
                .containsEntry("previous_state", "RUNNING")
                .containsEntry("raw_state", "128");
        assertThat(completed.attributes().get("state_change_time")).isNotNull();
        given().get("/api/v1/experiments").then().body("robot_busy", equalTo(false)).body("current_run", nullValue());

        String aborted = HxRobot.start("Serial_Dilution", "1");
        awaitEvent(aborted, "RUN_STARTED");
        HxRobot.setState(aborted, "64", true);
        assertThat(awaitEvent(aborted, "RUN_ABORTED").attributes()).containsEntry("is_newly_completed", true);
    }

    @Test
    void stateNamesAreUnderstoodToo() {
        String guid = HxRobot.start("ELISA_Wash", "Running");
        awaitEvent(guid, "RUN_STARTED");
        HxRobot.setState(guid, "Paused", false);
        awaitEvent(guid, "RUN_PAUSED");
        HxRobot.setState(guid, "Error", true);
        assertThat(awaitEvent(guid, "RUN_ERROR").attributes()).containsEntry("state", "ERROR");
        given().get("/api/v1/experiments/" + guid).then().statusCode(200).body("state", equalTo("ERROR"));
    }

    @Test
    void aRunThatStartsAndEndsBetweenTwoPollsIsSeen() {
        String guid = "QUICK-" + System.nanoTime();
        LocalDateTime now = LocalDateTime.now();
        HxRobot.insert(guid, "Normalization_384", now.minusSeconds(1), now, "Complete");
        awaitEvent(guid, "RUN_STARTED");
        StreamEvent completed = awaitEvent(guid, "RUN_COMPLETED");
        assertThat(completed.attributes()).containsEntry("is_newly_completed", true);
        given().get("/api/v1/experiments/" + guid).then().statusCode(200)
                .body("state", equalTo("COMPLETE"))
                .body("end_time", notNullValue());
    }

    @Test
    void anUnknownCodeIsUnknownAndRaisesNothing() {
        String guid = HxRobot.start("DNA_Extraction", "4711");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/experiments/" + guid)
                .then().statusCode(200).body("state", equalTo("UNKNOWN")).body("raw_state", equalTo("4711")));
        assertThat(events).noneMatch(e -> guid.equals(e.attributes().get("run_guid")));
    }

    @Test
    void anUnknownRunIsAProblem() {
        given().get("/api/v1/experiments/NOT-A-RUN").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("NOT-A-RUN"));
    }

    @Test
    void theDatabaseGoingAwayMarksTheSourceDownAndItComesBack() {
        long hostReadingBefore = latestHostReading();
        HxRobot.takeDatabaseAway();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/v1/status").then()
                    .body("sources.find { it.source == 'experiments' }.status", equalTo("DOWN"))
                    .body("sources.find { it.source == 'experiments' }.last_error", containsString("HxRun poll failed")));
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'vigil-sources' }.data.experiments", containsString("DOWN"));
            // The rest keeps flowing while the database is away.
            await().atMost(Duration.ofSeconds(5)).until(() -> latestHostReading() > hostReadingBefore);
        } finally {
            HxRobot.bringDatabaseBack();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body("sources.find { it.source == 'experiments' }.status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200);

        // Runs written after the outage are seen again.
        String guid = HxRobot.start("PCR_Setup", "1");
        awaitEvent(guid, "RUN_STARTED");
    }

    private long latestHostReading() {
        return hub.latest("host").map(u -> u.ts().toEpochMilli()).orElse(0L);
    }

    private StreamEvent awaitEvent(String guid, String type) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .filter(e -> e.type().equals(type) && guid.equals(e.attributes().get("run_guid")))
                .findFirst().orElse(null), e -> e != null);
    }
}
