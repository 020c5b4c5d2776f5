package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.testing.VigilProcess;

/**
 * The README's run command, taken from the README itself and run as a new user would (only the port and the data
 * folder differ, through environment variables): Vigil becomes ready, prints a sign-in link with the first admin
 * token, the dashboard is served, the demo robot's runs show up, and Ctrl-C stops it.
 */
class ReadmeRunCommandIT {

    private static final Pattern SIGN_IN = Pattern.compile("/#token=(\\S+)");

    /** The first line of the first code block under "## Run it". */
    static String runCommand(List<String> readme) {
        int section = readme.indexOf("## Run it");
        assertThat(section).as("README has a '## Run it' section").isNotNegative();
        boolean inBlock = false;
        for (String line : readme.subList(section + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock && !line.isBlank()) {
                return line.strip();
            }
        }
        throw new AssertionError("no command in the README's 'Run it' section");
    }

    @Test
    void theReadmeRunCommandServesTheDashboardWithLiveDemoData() throws Exception {
        String command = runCommand(Files.readAllLines(Path.of("README.md")));
        Path data = Files.createTempDirectory("vigil-readme-run");
        int port = VigilProcess.freePort();
        try (VigilProcess vigil = VigilProcess.shell(command, port, Map.of("VIGIL_DATA_DIR", data.resolve("data").toString()),
                data.resolve("vigil.log"))) {
            vigil.awaitListening(Duration.ofMinutes(5));
            // A first start prints its admin token once, with a sign-in link: that is how a new user gets in.
            Matcher link = await().atMost(Duration.ofSeconds(30))
                    .until(() -> SIGN_IN.matcher(vigil.output()), Matcher::find);
            String token = link.group(1);
            assertThat(vigil.get("/api/v1/status").statusCode()).as("no token, no data").isEqualTo(401);
            vigil.withToken(token);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> vigil.get("/q/health/ready").statusCode() == 200);

            assertThat(vigil.get("/").body()).contains("Vigil");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                JsonNode runs = vigil.json("/api/v1/experiments").path("recent_runs");
                assertThat(runs.size()).as("demo runs in HxRun").isPositive();
                assertThat(runs.get(0).path("method_name").asText()).isNotBlank();
            });
            assertThat(vigil.json("/api/v1/status").toString()).contains("experiments");

            vigil.close();
            assertThat(vigil.process().isAlive()).as("stopped by SIGTERM, as Ctrl-C would").isFalse();
        }
    }
}
