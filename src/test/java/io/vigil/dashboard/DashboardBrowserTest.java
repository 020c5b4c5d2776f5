package io.vigil.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.AuthProbe;
import io.vigil.testing.Chromium;
import io.vigil.testing.Gpu;
import io.vigil.testing.HxRobot;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/** The dashboard at / in a real headless Chromium, against the running service and its real streams. */
@QuarkusTest
@TestProfile(SharedServers.class)
class DashboardBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(25);
    private static Chromium browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.launch(1280, 800);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.viewport(1280, 800, false);
        browser.clearErrors();
    }

    @AfterEach
    void noPageErrorsAndAnIdleRobot() {
        HxRobot.finishAll();
        assertThat(unexpectedErrors()).as("errors the page reported").isEmpty();
    }

    @Test
    void loadsWithoutErrorsAndDrawsTheSnapshotAndHistory() {
        openAndAwaitLive();
        awaitTrue("document.querySelector('#source-chips .chip[data-source=\"host\"]')?.dataset.status === 'UP'");
        awaitTrue("document.querySelector('#source-chips .chip[data-source=\"experiments\"]') !== null");
        assertThat(browser.text("#host-tiles [data-tile=\"cpu\"] .value")).matches("\\d+\\.\\d %");
        assertThat(browser.text("#host-tiles [data-tile=\"memory\"] .sub")).matches(".*GiB of .*GiB");
        assertThat(browser.text("#filesystems")).contains("%");
        awaitTrue("window.vigil.points('host.cpu.percent') >= 2");
        awaitTrue("document.querySelectorAll('#chart-cpu canvas').length > 0");
        assertThat(browser.attribute("#gpu", "data-status")).isEqualTo(Gpu.expectedStatus());

        // The test profile runs every source and the scheduler: each has its panel on the page.
        for (String panel : List.of("pipelines", "clients", "schedules")) {
            awaitTrue("!!document.querySelector('#panel-" + panel + "') && document.querySelector('#panel-" + panel
                    + "').hidden === false");
        }
        assertThat(unexpectedErrors()).isEmpty();
    }

    @Test
    void liveValuesMoveWithTheStream() {
        openAndAwaitLive();
        awaitTrue("window.vigil.points('host.cpu.percent') > 0");
        int points = browser.evaluate("window.vigil.points('host.cpu.percent')").asInt();
        String updated = awaitText("#host-updated");
        int messages = browser.evaluate("window.vigil.stats.wsMessages").asInt();
        await().atMost(PATIENCE).until(() -> !updated.equals(browser.text("#host-updated")));
        awaitTrue("window.vigil.points('host.cpu.percent') > " + points);
        assertThat(browser.evaluate("window.vigil.stats.wsMessages").asInt()).isGreaterThan(messages);

        String method = "Dashboard_Live_" + System.nanoTime();
        String guid = HxRobot.start(method, "1");
        awaitTrue("document.querySelector('#current-run').dataset.runGuid === '" + guid + "'");
        assertThat(browser.text("#current-run")).contains(method).contains("RUNNING");
        HxRobot.setState(guid, "128", true);
        awaitTrue(
                "document.querySelector('#recent-runs tr[data-run-guid=\"" + guid + "\"] .chip')?.dataset.status === 'COMPLETE'");
        awaitTrue("document.querySelector('#current-run').dataset.runGuid !== '" + guid + "'");
        awaitTrue("[...document.querySelectorAll('#events li')].some(li => li.textContent.includes('" + guid + "'))");
    }

    @Test
    void aSourceGoingDownTurnsItsChipRed() {
        openAndAwaitLive();
        String chip = "#source-chips .chip[data-source=\"experiments\"]";
        awaitTrue("document.querySelector('" + chip.replace("'", "\\'") + "')?.dataset.status === 'UP'");
        String upColour = backgroundOf(chip);
        try {
            HxRobot.takeDatabaseAway();
            awaitTrue("document.querySelector('" + chip.replace("'", "\\'") + "')?.dataset.status === 'DOWN'");
            String downColour = backgroundOf(chip);
            assertThat(downColour).isNotEqualTo(upColour).isEqualTo(colourOf("var(--down)"));
            int[] rgb = rgb(downColour);
            assertThat(rgb[0]).as("red in " + downColour).isGreaterThan(180);
            assertThat(rgb[1]).as("green in " + downColour).isLessThan(110);
            awaitTrue(
                    "document.querySelector('#sources .source-row[data-source=\"experiments\"] .err')?.textContent.includes('Last error')");
        } finally {
            HxRobot.bringDatabaseBack();
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/metrics/experiments").then()
                    .body("status", equalTo("UP")));
        }
        awaitTrue("document.querySelector('" + chip.replace("'", "\\'") + "')?.dataset.status === 'UP'");
    }

    @Test
    void whenTheSocketDropsThePageSaysSoAndKeepsUpdatingOverRest() {
        openAndAwaitLive();
        awaitTrue("window.vigil.points('host.cpu.percent') > 0");
        browser.evaluate("window.vigil.dropSocket(120000)");

        awaitTrue("document.querySelector('#conn').dataset.state === 'fallback'");
        assertThat(browser.visible("#banner")).isTrue();
        assertThat(browser.attribute("#banner", "data-kind")).isEqualTo("fallback");
        assertThat(browser.text("#banner")).contains("Live connection lost").contains("polled over REST");
        assertThat(browser.text("#conn")).contains("polling");

        int messages = browser.evaluate("window.vigil.stats.wsMessages").asInt();
        int polls = browser.evaluate("window.vigil.stats.polls").asInt();
        String updated = awaitText("#host-updated");
        int points = browser.evaluate("window.vigil.points('host.cpu.percent')").asInt();
        await().atMost(PATIENCE).until(() -> !updated.equals(browser.text("#host-updated")));
        awaitTrue("window.vigil.points('host.cpu.percent') > " + points);
        assertThat(browser.evaluate("window.vigil.stats.polls").asInt()).isGreaterThan(polls);
        assertThat(browser.evaluate("window.vigil.stats.wsMessages").asInt()).as("nothing came over the socket")
                .isEqualTo(messages);
        assertThat(browser.attribute("#conn", "data-state")).isEqualTo("fallback");

        browser.evaluate("window.vigil.reconnect()");
        awaitTrue("document.querySelector('#conn').dataset.state === 'live'");
        assertThat(browser.attribute("#banner", "data-kind")).isEqualTo("live");
        assertThat(browser.text("#banner")).contains("restored");
        awaitTrue("window.vigil.stats.wsMessages > " + messages);
    }

    @Test
    void anAlertIsAcknowledgedAndSilencedFromThePage() {
        openAndAwaitLive();
        String guid = HxRobot.start("Dashboard_Abort", "1");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/experiments/" + guid).then().statusCode(200));
        HxRobot.setState(guid, "64", true);
        String id = await().atMost(PATIENCE).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == 'RunAborted' && it.labels.run_guid == '" + guid + "' }.id"), v -> v != null);
        String card = "#alerts [data-alert-id=\"" + id + "\"]";
        awaitTrue("document.querySelector('" + card.replace("'", "\\'") + "')?.dataset.state === 'FIRING'");
        assertThat(browser.text(card)).contains("RunAborted").contains(guid).containsIgnoringCase("critical");

        openGroupOf(card);
        browser.click(card + " .ack-button");
        assertThat(browser.visible(card + " .ack-form")).isTrue();
        browser.type(card + " .ack-form input[name=\"by\"]", "Dana Operator");
        browser.type(card + " .ack-form input[name=\"note\"]", "replacing the tips");
        browser.click(card + " .ack-form button[type=\"submit\"]");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                .body("ack.by", equalTo("Dana Operator")).body("ack.note", equalTo("replacing the tips")));
        awaitTrue("document.querySelector('" + card.replace("'", "\\'") + "').dataset.acked === 'true'");
        assertThat(browser.text(card + " .note")).contains("Acknowledged by Dana Operator");

        String silence = null;
        try {
            browser.click(card + " .silence-button");
            assertThat(browser.evaluate("document.querySelector('" + card.replace("'", "\\'")
                    + " .silence-form input[name=\"by\"]').value").asText()).isEqualTo("Dana Operator");
            browser.type(card + " .silence-form input[name=\"comment\"]", "robot under maintenance");
            browser.click(card + " .silence-form button[type=\"submit\"]");
            silence = await().atMost(PATIENCE).until(() -> given().get("/api/v1/silences").then().extract()
                    .path("find { it.silence.comment == 'robot under maintenance' && it.silence.matchers.any { m -> m.value == '"
                            + guid + "' } }.silence.id"),
                    v -> v != null);
            given().get("/api/v1/silences/" + silence).then().body("silence.created_by", equalTo("Dana Operator"))
                    .body("state", equalTo("active"));
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                    .body("silenced_by", notNullValue()));
            awaitTrue("document.querySelector('" + card.replace("'", "\\'") + "').dataset.silenced === 'true'");
        } finally {
            if (silence != null) {
                given().delete("/api/v1/silences/" + silence);
            }
        }
    }

    /**
     * The links of an alert email: ?ack=ID opens the page on the alert's card with its Acknowledge form open, and
     * acknowledges nothing by itself; ?alert=ID of an alert that is gone says so.
     */
    @Test
    void aLinkFromAnEmailOpensTheAlertsAcknowledgeFormAndChangesNothing() {
        String guid = HxRobot.start("Dashboard_Link", "1");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/experiments/" + guid).then().statusCode(200));
        HxRobot.setState(guid, "64", true);
        String id = await().atMost(PATIENCE).until(() -> given().get("/api/v1/alerts").then().extract()
                .path("find { it.rule == 'RunAborted' && it.state == 'FIRING' && it.labels.run_guid == '" + guid + "' }.id"),
                v -> v != null);

        browser.open(page + "?ack=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#alerts");
        String card = "#alerts [data-alert-id=\"" + id + "\"]";
        String js = card.replace("'", "\\'");
        awaitTrue("document.querySelector('" + js + "').classList.contains('linked')");
        assertThat(browser.visible(card + " .ack-form")).isTrue();
        awaitTrue("document.activeElement === document.querySelector('" + js + " .ack-form input[name=\"by\"]')");
        assertThat(browser.evaluate("location.search").asText()).as("a reload does not open the form again").isEmpty();
        assertThat(browser.evaluate("location.hash").asText()).isEqualTo("#alerts");
        given().get("/api/v1/alerts/" + id).then().statusCode(200).body("ack", nullValue());

        browser.open(page + "?alert=" + URLEncoder.encode("gone/" + guid, StandardCharsets.UTF_8) + "#alerts");
        awaitTrue("!document.querySelector('#alert-link').hidden");
        assertThat(browser.text("#alert-link")).isEqualTo("The alert you followed a link to is no longer active.");
    }

    /** Pipelines and clients are being added as sources: the page reads any source it has no view of generically. */
    @Test
    void aSourceWithoutItsOwnViewIsShownFromItsSeries() {
        openAndAwaitLive();
        browser.evaluate(
                """
                        window.vigil.receive({type: 'update', source: 'pipelines', status: 'UP', ts: new Date().toISOString(), data: {},
                          series: {'pipelines.rate{pipeline="bench"}': 2.5, 'pipelines.latency.p95{pipeline="bench"}': 0.85,
                                   'pipelines.error_ratio{pipeline="bench"}': 0.04, 'pipelines.backlog{pipeline="bench",queue="bench_q"}': 7}});
                        window.vigil.receive({type: 'update', source: 'clients', status: 'DEGRADED', ts: new Date().toISOString(), data: {},
                          series: {'clients.active': 12, 'clients.paused': 1, 'clients.blocked': 2, 'clients.deactivated': 0}});
                        """);
        // The real pipelines source streams too (face, phone): this pipeline's label is one it never reports.
        awaitTrue("!document.querySelector('#panel-pipelines').hidden && !document.querySelector('#panel-clients').hidden");
        String bench = "#panel-pipelines .group[data-labels=\"pipeline=bench\"]";
        awaitTrue("!!document.querySelector('" + bench.replace("'", "\\'") + "')");
        assertThat(browser.text(bench)).contains("rate").contains("2.50/s").contains("latency.p95").contains("850 ms")
                .contains("error_ratio").contains("4.0 %");
        assertThat(browser.text("#panel-pipelines .group[data-labels=\"pipeline=bench, queue=bench_q\"]")).contains("backlog")
                .contains("7");
        assertThat(browser.text("#panel-clients .group[data-labels=\"all\"]")).contains("active").contains("12")
                .contains("blocked").contains("2");
        assertThat(browser.evaluate("document.querySelector('#panel-pipelines select').value").asText())
                .isEqualTo("pipelines.rate");
        assertThat(browser.evaluate("document.querySelector('#panel-clients select').value").asText()).isEqualTo("*");
        awaitTrue("document.querySelectorAll('#panel-pipelines canvas').length > 0");
        browser.screenshot(Path.of("target", "dashboard-generic-sources.png"), true);
        // The real clients source reports its own status right after: the chip only has to be there.
        awaitTrue("document.querySelector('#source-chips .chip[data-source=\"clients\"]') !== null");
        // This server has no such series, so the page's history requests for them were answered 404: nothing else.
        assertThat(unexpectedErrors()).allMatch(e -> e.text().contains("404") && e.url().contains("/api/v1/metrics/history"));
        browser.open("about:blank");
        browser.clearErrors();
    }

    @Test
    void aScheduleIsRunFromThePageAndItsExecutionShows() {
        String name = "Page run " + System.nanoTime();
        String id = given().contentType(io.restassured.http.ContentType.JSON).body("""
                {"name":"%s","experiment_path":"ok","schedule_type":"once","start_at":"%s"}"""
                .formatted(name, java.time.Instant.now().plus(java.time.Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        openAndAwaitLive();
        String row = "#schedules tr[data-schedule-id=\"" + id + "\"]";
        awaitTrue("!document.querySelector('#panel-schedules').hidden && !!document.querySelector('" + row.replace("'", "\\'")
                + "')");
        assertThat(browser.text(row)).contains(name).contains("once");
        browser.click(row + " button");
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("schedule_id", id).get("/api/v1/executions").then()
                .body("[0].status", equalTo("completed")));
        awaitTrue("[...document.querySelectorAll('#executions tbody tr')].some(r => r.textContent.includes('" + name + "'))");
        assertThat(unexpectedErrors()).isEmpty();
    }

    @Test
    void thePageOffersEachRoleOnlyWhatItMayDo() {
        String name = "Roles " + System.nanoTime();
        String id = given().contentType(io.restassured.http.ContentType.JSON).body("""
                {"name":"%s","experiment_path":"ok","schedule_type":"once","start_at":"%s"}"""
                .formatted(name, java.time.Instant.now().plus(java.time.Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        String runNow = "#schedules tr[data-schedule-id=\"" + id + "\"] button";
        String shown = "getComputedStyle(document.querySelector('" + runNow.replace("'", "\\'") + "')).display !== 'none'";
        try {
            browser.open("about:blank");
            browser.open(page.toString());
            browser.evaluate("localStorage.removeItem('vigil.token')");
            browser.open("about:blank");
            browser.open(page.toString());
            awaitTrue("!document.querySelector('#token-form').hidden");
            assertThat(browser.text("#token-state")).contains("printed at its first start");

            for (String role : List.of("viewer", "operator", "admin")) {
                String secret = given().contentType("application/json")
                        .body("{\"name\":\"page " + role + "\",\"role\":\"" + role + "\"}")
                        .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
                browser.open("about:blank");
                browser.open(page + "#token=" + secret);
                awaitTrue("document.documentElement.dataset.role === '" + role + "'");
                awaitTrue("!!document.querySelector('" + runNow.replace("'", "\\'") + "')");
                assertThat(browser.text("#token-button")).contains(role);
                assertThat(browser.evaluate(shown).asBoolean()).as("Run now offered to a " + role)
                        .isEqualTo(!role.equals("viewer"));
            }
        } finally {
            browser.evaluate("localStorage.removeItem('vigil.token')");
            browser.open("about:blank");
            browser.clearErrors();
        }
    }

    @Test
    void aTokenGoesWithEveryRequestAndARefusalIsShown() {
        String viewer = given().contentType("application/json").body("{\"name\":\"browser viewer\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        openAndAwaitLive();
        try {
            setToken(viewer);
            await().atMost(PATIENCE).until(() -> ("Bearer " + viewer).equals(AuthProbe.lastAuthorization()));
            await().atMost(PATIENCE).until(() -> viewer.equals(AuthProbe.lastSocketToken()));
            awaitTrue("document.querySelector('#conn').dataset.state === 'live'");
            assertThat(browser.visible("#auth-banner")).isFalse();
            awaitTrue("document.querySelector('#token-button').textContent.includes('browser viewer')");
            assertThat(browser.evaluate("location.hash").asText()).as("the sign-in link's token left the address bar").isEmpty();
            assertThat(unexpectedErrors()).isEmpty();

            setToken(AuthProbe.REFUSED_TOKEN);
            awaitTrue("!document.querySelector('#auth-banner').hidden");
            assertThat(browser.text("#auth-banner")).contains("401").contains("token");
            assertThat(unexpectedErrors()).as("the refusals, and only they, are reported").isNotEmpty()
                    .allMatch(e -> e.text().contains("401") || e.text().contains("HTTP Authentication failed"));
        } finally {
            browser.evaluate("localStorage.removeItem('vigil.token')");
            browser.open("about:blank");
            browser.clearErrors();
        }
    }

    @Test
    void fitsAPhoneAndSwitchesTheme() {
        try {
            browser.viewport(390, 844, true);
            openAndAwaitLive();
            awaitTrue("window.vigil.points('host.cpu.percent') > 0");
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
                    .as("no sideways scrolling at 390 px").isTrue();
            assertThat(browser.evaluate("[...document.querySelectorAll('.panel')].filter(p => !p.hidden)"
                    + ".every(p => p.getBoundingClientRect().right <= window.innerWidth)").asBoolean()).isTrue();
            browser.screenshot(Path.of("target", "dashboard-phone.png"), true);

            assertThat(browser.attribute("html", "data-theme")).isEqualTo("dark");
            String dark = browser.evaluate("getComputedStyle(document.body).backgroundColor").asText();
            browser.click("#theme-button");
            assertThat(browser.attribute("html", "data-theme")).isEqualTo("light");
            assertThat(browser.evaluate("getComputedStyle(document.body).backgroundColor").asText()).isNotEqualTo(dark);
            openAndAwaitLive();
            assertThat(browser.attribute("html", "data-theme")).as("the choice is kept").isEqualTo("light");
            browser.click("#theme-button");
            assertThat(browser.attribute("html", "data-theme")).isEqualTo("dark");
        } finally {
            browser.evaluate("localStorage.removeItem('vigil.theme')");
        }
    }

    /**
     * The README's picture: a run going on, an aborted one alerting, charts with some history. It is always left in
     * target/; docs/dashboard.png is written when it is missing or with -Dvigil.docs.screenshot=true, so that a test
     * run does not change a committed file each time.
     */
    @Test
    void screenshotForTheReadme() throws IOException {
        String aborted = HxRobot.start("Serial_Dilution_96", "1");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/experiments/" + aborted).then().statusCode(200));
        HxRobot.setState(aborted, "64", true);
        HxRobot.start("PCR_Setup_384", "1");
        openAndAwaitLive();
        awaitTrue("!!document.querySelector('#current-run').dataset.runGuid");
        awaitTrue("[...document.querySelectorAll('#alerts .alert')].some(a => a.dataset.rule === 'RunAborted')");
        awaitTrue("window.vigil.points('host.cpu.percent') >= 5");

        browser.screenshot(Path.of("target", "dashboard.png"), false);
        Path full = Path.of("target", "dashboard-full.png");
        browser.screenshot(full, true);
        assertThat(Files.size(full)).isGreaterThan(20_000);
        Path docs = Path.of("docs", "dashboard.png");
        if (!Files.exists(docs) || Boolean.getBoolean("vigil.docs.screenshot")) {
            Files.createDirectories(docs.getParent());
            Files.copy(full, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Signs in through the link Vigil prints (from a blank page: a change of fragment alone loads nothing). */
    private void openAndAwaitLive() {
        browser.open("about:blank");
        browser.open(page + "#token=" + Tokens.ADMIN);
        awaitTrue("window.vigil && window.vigil.mode === 'live'");
    }

    /** Opens the alert's group with a click on its line, where a crowd of alerts has it collapsed. */
    private static void openGroupOf(String card) {
        String group = "document.querySelector('" + card.replace("'", "\\'") + "').closest('.alert-group')";
        if (!browser.evaluate(group + ".open").asBoolean()) {
            browser.click(
                    "#alerts .alert-group[data-rule=\"" + browser.evaluate(group + ".dataset.rule").asText() + "\"] > summary");
        }
        awaitTrue(group + ".open");
    }

    private void setToken(String token) {
        if (!browser.visible("#token-form")) {
            browser.click("#token-button");
        }
        browser.type("#token-input", token);
        browser.click("#token-form button[type=\"submit\"]");
    }

    private static void awaitTrue(String expression) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()")
                        .asBoolean());
    }

    private static String awaitText(String selector) {
        Callable<String> text = () -> browser.text(selector);
        return await().atMost(PATIENCE).until(text, t -> t != null && !t.isBlank());
    }

    private static String backgroundOf(String selector) {
        return browser.evaluate("getComputedStyle(document.querySelector('" + selector.replace("'", "\\'")
                + "')).backgroundColor").asText();
    }

    /** The computed colour of a CSS value, e.g. var(--down), in the page's current theme. */
    private static String colourOf(String css) {
        return browser.evaluate("(() => { const e = document.createElement('span'); e.style.backgroundColor = '" + css
                + "'; document.body.append(e); const c = getComputedStyle(e).backgroundColor; e.remove(); return c; })()")
                .asText();
    }

    private static int[] rgb(String colour) {
        String[] parts = colour.replaceAll("[^0-9,]", "").split(",");
        return new int[]{ Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) };
    }

    /** Page errors, less the scheduler probe's 404 while the scheduler's API does not exist yet. */
    private static List<Chromium.PageError> unexpectedErrors() {
        boolean noScheduler = given().get("/api/v1/schedules").statusCode() == 404;
        return browser.errors().stream()
                .filter(e -> !(noScheduler && e.kind().equals("log.network") && e.url().endsWith("/api/v1/schedules")
                        && e.text().contains("404")))
                .toList();
    }
}
