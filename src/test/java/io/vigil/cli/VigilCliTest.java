package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/** The command line against the running Vigil: each command, the output formats and the error paths. */
@QuarkusTest
@TestProfile(SharedServers.class)
class VigilCliTest {

    @TestHTTPResource("/")
    URL vigil;

    record Run(int exit, String out, String err) {
    }

    Run vigil(String... args) {
        return run(Tokens.ADMIN, args);
    }

    Run run(String token, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--url", vigil.toString()));
        if (token != null) {
            all.addAll(List.of("--token", token));
        }
        all.addAll(List.of(args));
        int exit = VigilCli.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusShowsSourcesAlertsAndTheGateOnOneScreen() throws Exception {
        Run status = vigil("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("SOURCES").contains("host").contains("UP").contains("ALERTS")
                .contains("SCHEDULER  gate");
        Run json = vigil("status", "-o", "json");
        assertThat(new ObjectMapper().readTree(json.out()).path("status").path("sources").isArray()).isTrue();
        Run yaml = vigil("status", "-o", "yaml");
        assertThat(yaml.out()).contains("status:").contains("sources:");
    }

    @Test
    void aSilenceIsAddedListedAndExpiredWithAmtoolsMatchers() throws Exception {
        Run added = vigil("silence", "add", "alertname=~\"Gpu.*\"", "instance=\"lab-pc-2\"", "--for", "2h", "--comment",
                "driver update", "-o", "json");
        assertThat(added.exit()).as(added.err()).isZero();
        JsonNode silence = new ObjectMapper().readTree(added.out()).path("silence");
        String id = silence.path("id").asText();
        assertThat(silence.path("matchers").get(0).path("is_regex").asBoolean()).isTrue();
        assertThat(silence.path("matchers").get(1).path("value").asText()).isEqualTo("lab-pc-2");
        assertThat(vigil("silence", "ls").out()).contains(id).contains("alertname=~\"Gpu.*\" instance=\"lab-pc-2\"")
                .contains("driver update");
        Run expired = vigil("silence", "expire", id);
        assertThat(expired.exit()).isZero();
        assertThat(vigil("silence", "ls").out()).doesNotContain(id);
        assertThat(vigil("silence", "ls", "--all").out()).contains(id).contains("expired");
    }

    @Test
    void alertsRulesSchedulesAndExecutionsAreListed() {
        assertThat(vigil("alerts").exit()).isZero();
        assertThat(vigil("alerts", "--state", "firing", "severity=critical").exit()).isZero();
        Run rules = vigil("rules", "ls");
        assertThat(rules.out()).contains("NAME").contains("CpuHigh").contains("host.cpu.percent > 90");
        assertThat(vigil("schedules", "ls").out()).startsWith("ID");
        assertThat(vigil("executions", "--limit", "5").out()).startsWith("ID");
        assertThat(vigil("executions", "ls", "--limit", "5").out()).startsWith("ID");
        assertThat(vigil("alerts", "history", "--since", "24h").exit()).isZero();
    }

    @Test
    void aRulesFileIsCheckedOfflineWithTheServersValidation() throws Exception {
        Path good = Files.writeString(Files.createTempFile("rules", ".yaml"), """
                rules:
                  - name: LabDiskFull
                    series: host.disk.percent
                    op: ">"
                    threshold: 95
                    for: 5m
                    severity: critical
                """);
        Path bad = Files.writeString(Files.createTempFile("rules", ".yaml"), """
                rules:
                  - name: Broken
                    series: host.disk.percent
                    op: "~~"
                    threshold: 95
                    severity: critical
                """);
        Run ok = run(null, "rules", "check", good.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("1 rule(s), valid");
        Run refused = run(null, "rules", "check", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("Broken").contains("op");
    }

    @Test
    void eachFailureSaysWhatToDoAndHasItsOwnExitStatus() {
        Run anonymous = run(null, "status");
        assertThat(anonymous.exit()).isEqualTo(4);
        assertThat(anonymous.err()).contains("--token");
        Run missing = vigil("silence", "expire", "no-such-silence");
        assertThat(missing.exit()).isEqualTo(5);
        Run badMatcher = vigil("silence", "add", "alertname~~x", "--comment", "x");
        assertThat(badMatcher.exit()).isEqualTo(2);
        assertThat(badMatcher.err()).contains("is not a matcher");
        StringWriter err = new StringWriter();
        int unreachable = VigilCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "--url", "http://127.0.0.1:9",
                "status");
        assertThat(unreachable).isEqualTo(3);
        assertThat(err.toString()).contains("cannot connect");
    }

    @Test
    void rulesAreAppliedFromAFileReadAndDeleted() throws Exception {
        String name = "CliRule" + System.nanoTime();
        Path file = Files.writeString(Files.createTempFile("rules", ".yaml"), """
                rules:
                  - name: %s
                    series: host.disk.percent
                    op: ">"
                    threshold: 99
                    for: 10m
                    keep_firing_for: 1m
                    severity: warning
                """.formatted(name));
        Run created = vigil("rules", "apply", "-f", file.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("applied " + name);
        assertThat(vigil("rules", "apply", "-f", file.toString()).out()).contains("applied " + name);
        Run got = vigil("rules", "get", name);
        assertThat(got.out()).contains("name: \"" + name + "\"").contains("threshold: 99");
        JsonNode stored = new ObjectMapper().readTree(vigil("rules", "get", name, "-o", "json").out());
        assertThat(stored.at("/rule/keep_firing_for").asText()).isEqualTo("PT1M");
        assertThat(vigil("rules", "delete", name).exit()).isZero();
        assertThat(vigil("rules", "get", name).exit()).isEqualTo(5);
    }

    @Test
    void aReportSummarisesThePeriodInEachFormat() throws Exception {
        Run text = vigil("report", "--since", "24h");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Vigil report since").contains("Alerts:").contains("Schedules:")
                .contains("Source downtime:");
        JsonNode json = new ObjectMapper().readTree(vigil("report", "--since", "7d", "--format", "json").out());
        assertThat(json.path("alerts").has("median_seconds_to_resolve")).isTrue();
        assertThat(json.path("alerts").has("median_seconds_to_acknowledge")).isTrue();
        assertThat(text.out()).contains("acknowledged:");
        assertThat(vigil("report", "--format", "markdown").out()).startsWith("# Vigil report since").contains("## Schedules");
        assertThat(vigil("report", "--format", "pdf").exit()).isEqualTo(2);
    }

    @Test
    void tokensAreMadeListedAndRevoked() throws Exception {
        Run created = vigil("tokens", "create", "--name", "cli-test-" + System.nanoTime(), "--role", "viewer", "-o", "json");
        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode issued = new ObjectMapper().readTree(created.out());
        String secret = issued.path("token").asText();
        String id = issued.path("token_info").path("id").asText();
        assertThat(run(secret, "status").exit()).isZero();
        assertThat(run(secret, "tokens", "ls").exit()).as("a viewer may not list tokens").isEqualTo(4);
        assertThat(vigil("tokens", "ls").out()).contains(id);
        assertThat(vigil("tokens", "revoke", id).exit()).isZero();
        assertThat(run(secret, "status").exit()).isEqualTo(4);
    }

    @Test
    void aContextOfTheConfigFileGivesTheAddressAndTheToken() throws Exception {
        Path config = Files.writeString(Files.createTempFile("vigil", ".yaml"), """
                current-context: nowhere
                contexts:
                  nowhere: { url: "http://127.0.0.1:9" }
                  here: { url: "%s", token: "%s" }
                """.formatted(vigil, Tokens.ADMIN));
        CliConfig loaded = CliConfig.load(config.toString());
        assertThat(loaded.context(null).url()).isEqualTo("http://127.0.0.1:9");
        assertThat(loaded.context("here").token()).isEqualTo(Tokens.ADMIN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loaded.context("elsewhere")).isInstanceOf(CliFailure.class)
                .hasMessageContaining("[nowhere, here]");
    }

    @Test
    void aScheduleIsReadRunArchivedAndItsRecoveryResolvedFromTheCommandLine() throws Exception {
        String id = io.restassured.RestAssured.given().contentType("application/json").body("""
                {"name":"Cli %d","experiment_path":"abort","schedule_type":"once","start_at":"%s"}"""
                .formatted(System.nanoTime(), java.time.Instant.now().plus(java.time.Duration.ofDays(1))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        assertThat(vigil("schedules", "get", id).out()).contains(id).contains("active");
        Run ran = vigil("schedules", "run-now", id, "-o", "json");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(new ObjectMapper().readTree(ran.out()).path("status").asText()).isEqualTo("waiting_capacity");
        // The method aborts: the schedule needs recovery, which the command line resolves.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> vigil("schedules", "get", id).out().contains("recovery required"));
        Run resolved = vigil("recovery", "resolve", id, "--note", "plate removed");
        assertThat(resolved.exit()).as(resolved.err()).isZero();
        assertThat(vigil("schedules", "get", id).out()).doesNotContain("recovery required");
        assertThat(vigil("recovery", "resolve", id).exit()).as("nothing to resolve any more").isEqualTo(1);
        assertThat(vigil("schedules", "archive", id).out()).contains("archived");
        assertThat(vigil("executions", "ls", "--schedule", id, "-o", "yaml").out()).contains("status: \"aborted\"");
    }

    @Test
    void theDashboardAddressAndTheShellCompletionArePrinted() {
        Run dashboard = vigil("dashboard");
        assertThat(dashboard.exit()).isZero();
        assertThat(dashboard.out().strip()).isEqualTo(vigil.toString().replaceAll("/$", "") + "/");
        Run completion = run(null, "generate-completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("silence");
    }
}
