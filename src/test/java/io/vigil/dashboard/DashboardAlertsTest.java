package io.vigil.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.testing.Chromium;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/**
 * The alerts panel with a crowd of alerts: grouped by alert name with a count, critical first, collapsed to a line
 * each, filtered by severity and state, and the host's charts still on the first screen. One alert is real (a rule on
 * the host's uptime), so acknowledging it and following a link to it go through the server; the crowd around it is
 * handed to the page as the stream would.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class DashboardAlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(25);
    private static final String REAL_RULE = "CrowdHostUp";
    private static final int HEIGHT = 800;
    private static Chromium browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.launch(1280, HEIGHT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.viewport(1280, HEIGHT, false);
        browser.clearErrors();
    }

    @Test
    void aCrowdOfAlertsIsGroupedByNameAndLeavesTheHostChartsInSight() {
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","series":"host.uptime_seconds","op":">","threshold":0,"for":"1s","severity":"warning",
                 "annotations":{"summary":"the host is up"}}""".formatted(REAL_RULE))
                .post("/api/v1/alert-rules").then().statusCode(201);
        try {
            String id = await().atMost(PATIENCE).until(() -> given().get("/api/v1/alerts").then().extract()
                    .path("find { it.rule == '" + REAL_RULE + "' && it.state == 'FIRING' }.id"), v -> v != null);
            String card = "#alerts [data-alert-id=\"" + id + "\"]";
            String group = "#alerts .alert-group[data-rule=\"" + REAL_RULE + "\"]";
            openAndAwaitLive(Tokens.ADMIN);
            awaitTrue("!!" + query(card));
            browser.evaluate(crowd());

            awaitTrue(query(group) + "?.dataset.count === '5'");
            assertThat(groupCounts()).as("critical first, then warning, then info")
                    .containsSubsequence("CrowdLatencyHigh=6", "CrowdDiskFull=10", REAL_RULE + "=5", "CrowdGatewayStale=8");
            assertThat(browser.evaluate("[...document.querySelectorAll('#alerts .alert-group')]"
                    + ".filter(g => g.dataset.rule.startsWith('Crowd')).every(g => !g.open)").asBoolean())
                    .as("a crowd's groups start collapsed").isTrue();
            assertThat(shown(card)).as("the real alert's card, in its collapsed group").isFalse();
            double hostTop = browser.evaluate("document.querySelector('#panel-host').getBoundingClientRect().top").asDouble();
            assertThat(hostTop).as("the host panel starts on the first screen").isLessThan(HEIGHT - 200);
            browser.screenshot(Path.of("target", "dashboard-alert-groups.png"), false);

            choose("severity", "CRITICAL");
            assertThat(shownCrowdGroups()).containsExactly("CrowdLatencyHigh");
            assertThat(browser.text("#alerts .filter-note")).matches("\\d+ of \\d+ shown");
            choose("severity", "");
            choose("state", "PENDING");
            assertThat(shownCrowdGroups()).containsExactly("CrowdGatewayStale");
            choose("state", "");
            assertThat(shownCrowdGroups()).hasSize(4);

            // Acknowledge inside a group: open it (remembered for this tab), act on the card, close it again.
            browser.click(group + " > summary");
            awaitTrue(query(group) + ".open");
            browser.click(card + " .ack-button");
            browser.type(card + " .ack-form input[name=\"by\"]", "Dana Operator");
            browser.click(card + " .ack-form button[type=\"submit\"]");
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/alerts/" + id).then()
                    .body("ack.by", equalTo("Dana Operator")));
            awaitTrue(query(card) + ".dataset.acked === 'true'");
            browser.click(group + " > summary");
            awaitTrue("!" + query(group) + ".open");

            // A link from a notification opens the card although its group was closed by hand.
            browser.open(page + "?alert=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#alerts");
            awaitTrue(query(card) + "?.classList.contains('linked')");
            assertThat(browser.evaluate(query(group) + ".open").asBoolean()).isTrue();
            assertThat(shown(card)).isTrue();
            assertThat(browser.errors()).as("errors the page reported").isEmpty();
        } finally {
            given().delete("/api/v1/alert-rules/" + REAL_RULE);
        }
    }

    @Test
    void aViewerSeesTheGroupsButNoActions() {
        String viewer = given().contentType(ContentType.JSON).body("{\"name\":\"crowd viewer\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        try {
            openAndAwaitLive(viewer);
            awaitTrue("document.documentElement.dataset.role === 'viewer'");
            browser.evaluate(crowd());
            String group = "#alerts .alert-group[data-rule=\"CrowdDiskFull\"]";
            awaitTrue(query(group) + "?.dataset.count === '10'");
            browser.click(group + " > summary");
            awaitTrue(query(group) + ".open");
            assertThat(browser.evaluate(query(group) + ".querySelectorAll('.needs-operator').length").asInt()).isPositive();
            assertThat(browser.evaluate("[...document.querySelectorAll('#alerts .needs-operator')]"
                    + ".every(b => getComputedStyle(b).display === 'none')").asBoolean())
                    .as("acknowledge and silence hidden from a viewer").isTrue();
        } finally {
            browser.evaluate("localStorage.removeItem('vigil.token')");
            browser.open("about:blank");
            browser.clearErrors();
        }
    }

    /** 28 alerts in four groups, as the stream would send them: 6 critical, 14 warning, 8 info (pending). */
    private static String crowd() {
        return """
                (() => {
                  const now = new Date().toISOString();
                  const send = (rule, severity, state, n, label) => { for (let i = 0; i < n; i++) {
                    window.vigil.receive({ type: 'alert', data: { id: `crowd/${rule}/${i}`, rule, severity, state,
                      labels: { alertname: rule, severity: severity.toLowerCase(), [label]: `${label}-${i}` },
                      annotations: {}, value: i, active_at: now, fired_at: state === 'FIRING' ? now : null,
                      stale: false, silenced_by: null, ack: null } });
                  } };
                  send('CrowdDiskFull', 'WARNING', 'FIRING', 10, 'mount');
                  send('CrowdGatewayStale', 'INFO', 'PENDING', 8, 'gateway');
                  send('CrowdLatencyHigh', 'CRITICAL', 'FIRING', 6, 'pipeline');
                  send('%s', 'WARNING', 'FIRING', 4, 'replica');
                })()""".formatted(REAL_RULE);
    }

    /** rule=count of each group, in the page's order. */
    private static List<String> groupCounts() {
        List<String> out = new java.util.ArrayList<>();
        browser.evaluate("[...document.querySelectorAll('#alerts .alert-group')].map(g => g.dataset.rule + '='"
                + " + g.querySelector('.group-count').textContent)").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> shownCrowdGroups() {
        List<String> out = new java.util.ArrayList<>();
        browser.evaluate("[...document.querySelectorAll('#alerts .alert-group')].filter(g => !g.hidden"
                + " && g.dataset.rule.startsWith('Crowd')).map(g => g.dataset.rule)").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Picks a filter's option as a user would: the select's value changes and it says so. */
    private static void choose(String filter, String value) {
        browser.evaluate("(() => { const s = document.querySelector('#alerts select[name=\"" + filter + "\"]');"
                + " s.value = '" + value + "'; s.dispatchEvent(new Event('change')); })()");
    }

    private void openAndAwaitLive(String token) {
        browser.open("about:blank");
        browser.open(page + "#token=" + token);
        awaitTrue("window.vigil && window.vigil.mode === 'live'");
    }

    /** Whether the element is drawn: unlike a bounding box, this knows a closed group's content is not. */
    private static boolean shown(String selector) {
        return browser.evaluate(query(selector) + ".checkVisibility()").asBoolean();
    }

    private static String query(String selector) {
        return "document.querySelector('" + selector.replace("'", "\\'") + "')";
    }

    private static void awaitTrue(String expression) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()")
                        .asBoolean());
    }
}
