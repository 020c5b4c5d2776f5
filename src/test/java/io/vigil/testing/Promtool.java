package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus' own {@code promtool}, to check a scrape with the official text-format parser and linter.
 * {@code src/test/setup/services.sh} unpacks it from Debian's prometheus package into {@code target/tools/prometheus}
 * when the system has none; {@code -Dvigil.test.promtool=PATH} or {@code PROMTOOL} point elsewhere.
 */
public final class Promtool {

    private static final Path UNPACKED = Path.of("target/tools/prometheus/usr/bin/promtool");

    /** What {@code promtool check metrics} said: its exit code and its findings, one per line of stderr. */
    public record Check(int exitCode, String findings) {

        /** The lines that name a parse error, not a lint finding: any of these means a scraper rejects the page. */
        public List<String> parseErrors() {
            return findings.lines().filter(l -> l.contains("error while linting") || l.contains("text format parsing"))
                    .toList();
        }

        /** The lint findings, one per metric and rule (e.g. {@code foo_count counter metrics should have "_total" suffix}). */
        public List<String> lintFindings() {
            return findings.lines().filter(l -> !l.isBlank()).filter(l -> !parseErrors().contains(l)).toList();
        }
    }

    private Promtool() {
    }

    /** Runs {@code promtool check metrics} on a scrape in the Prometheus text format. */
    public static Check checkMetrics(String exposition) {
        try {
            Process process = new ProcessBuilder(executable().toString(), "check", "metrics")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String findings = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool check metrics did not finish within 30 s");
            }
            return new Check(process.exitValue(), findings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path executable() {
        String configured = System.getProperty("vigil.test.promtool", System.getenv("PROMTOOL"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "promtool"));
        Optional<Path> found = Stream.concat(onPath, Stream.of(UNPACKED.toAbsolutePath()))
                .filter(Files::isExecutable).findFirst();
        // Not skipped when missing: a build that cannot check its scrape must say so, not pass quietly.
        return found.orElseThrow(() -> new IllegalStateException("No promtool on the PATH nor at " + UNPACKED
                + ": src/test/setup/services.sh unpacks it from Debian's prometheus package; or set -Dvigil.test.promtool=PATH"));
    }
}
