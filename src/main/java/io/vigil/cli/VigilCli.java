package io.vigil.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code vigil} on the command line: a client of Vigil's REST API (it never opens Vigil's database), for SSH sessions
 * and scripts, in the manner of amtool and kubectl. It starts no Quarkus: a plain JVM, picocli and the JDK's HTTP
 * client.
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil command line",
        description = "Vigil from a terminal: status, alerts, silences, rules, schedules, reports.", subcommands = {
                VigilCli.Status.class, AlertsCommand.class, SilenceCommand.class, RulesCommand.class,
                SchedulesCommand.class, ExecutionsCommand.class, RecoveryCommand.class, ReportCommand.class,
                TokensCommand.class, VigilCli.Dashboard.class, AutoComplete.GenerateCompletion.class, VigilCli.Train.class },
        footer = { "",
                "Connection: --url or VIGIL_URL (default http://localhost:8080), --token or VIGIL_TOKEN, or a context",
                "of ~/.config/vigil/config.yaml (contexts: {lab: {url: ..., token: ...}}, current-context: lab).",
                "Exit status: 0 done, 1 refused or failed, 2 wrong usage, 3 Vigil unreachable, 4 not allowed, 5 not found." })
public final class VigilCli {

    @Option(names = "--url", scope = ScopeType.INHERIT,
            description = "Vigil's address (VIGIL_URL, the context's, or http://localhost:8080).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, description = "An API token (VIGIL_TOKEN, or the context's).")
    String token;

    @Option(names = "--context", scope = ScopeType.INHERIT,
            description = "A context of the config file (VIGIL_CONFIG, default ~/.config/vigil/config.yaml).")
    String context;

    @Option(names = { "-o",
            "--output" }, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table, json or yaml (json and yaml are the API's answer as it came).")
    String output;

    @Spec
    CommandSpec spec;

    /** The flag, else the environment, else the config file's context, else the default. */
    VigilClient client() {
        CliConfig.Context chosen = CliConfig.load(System.getenv("VIGIL_CONFIG")).context(context);
        String u = first(url, System.getenv("VIGIL_URL"), chosen.url(), "http://localhost:8080");
        String t = first(token, System.getenv("VIGIL_TOKEN"), chosen.token(), null);
        return new VigilClient(u, t);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    Output output() {
        return switch (output.toLowerCase()) {
            case "table" -> Output.TABLE;
            case "json" -> Output.JSON;
            case "yaml" -> Output.YAML;
            default -> throw new CliFailure(2, "-o " + output + ": use table, json or yaml");
        };
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; the exit status is returned, never {@code System.exit}ed, so tests can run it. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new VigilCli());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliFailure f) {
                commandLine.getErr().println("vigil: " + f.getMessage());
                return f.exitCode;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}. */
    static Duration duration(String text, String option) {
        Matcher m = Pattern.compile("(\\d{1,6})([smhd])").matcher(text.trim());
        if (!m.matches()) {
            throw new CliFailure(2, option + " " + text + ": write a duration such as 30m, 2h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Command(name = "status", description = "Sources, active alerts by severity and the scheduler's gate, in one screen.")
    static final class Status implements Runnable {

        @CommandLine.ParentCommand
        VigilCli vigil;

        @Override
        public void run() {
            VigilClient client = vigil.client();
            JsonNode status = client.get("/api/v1/status");
            JsonNode alerts = client.get("/api/v1/alerts");
            JsonNode scheduler;
            try {
                scheduler = client.get("/api/v1/scheduler/status");
            } catch (CliFailure f) {
                scheduler = VigilClient.JSON.nullNode();
            }
            if (vigil.output() != Output.TABLE) {
                vigil.output().print(vigil.out(),
                        VigilClient.JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                "status", status).<com.fasterxml.jackson.databind.node.ObjectNode>set("alerts", alerts)
                                .set("scheduler", scheduler),
                        List.of());
                return;
            }
            PrintWriter out = vigil.out();
            out.println("SOURCES");
            Output.table(out, status.path("sources"), List.of(Output.Column.field("SOURCE", "/source"),
                    Output.Column.field("STATUS", "/status"), Output.Column.field("SINCE", "/since"),
                    Output.Column.field("LAST ERROR", "/last_error")));
            out.println();
            long critical = count(alerts, "critical");
            long warning = count(alerts, "warning");
            long info = count(alerts, "info");
            out.printf("ALERTS  %d critical, %d warning, %d info (firing or pending)%n", critical, warning, info);
            if (!scheduler.isNull()) {
                JsonNode gate = scheduler.path("gate");
                List<String> why = new java.util.ArrayList<>();
                gate.path("closed_because").forEach(reason -> why.add(reason.asText()));
                out.println();
                out.printf("SCHEDULER  gate %s%s; %d waiting, %d running; %d need recovery%n",
                        gate.path("open").asBoolean() ? "open" : "closed",
                        gate.path("open").asBoolean()
                                ? ""
                                : " (" + String.join("; ", why) + ")",
                        gate.path("waiting").asInt(), scheduler.path("running").size(),
                        scheduler.path("recovery_required").size());
            }
            out.flush();
        }

        private static long count(JsonNode alerts, String severity) {
            long n = 0;
            for (JsonNode a : alerts) {
                if (severity.equalsIgnoreCase(a.path("severity").asText())) {
                    n++;
                }
            }
            return n;
        }
    }

    @Command(name = "dashboard", description = "Opens the dashboard in the browser, or prints its address.")
    static final class Dashboard implements Runnable {

        @CommandLine.ParentCommand
        VigilCli vigil;

        @Override
        public void run() {
            String url = vigil.client().base() + "/";
            // A desktop session opens it; an SSH session (no display) gets the address to paste.
            if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
                try {
                    new ProcessBuilder("xdg-open", url).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (java.io.IOException e) {
                    // no xdg-open: the address is printed below
                }
            }
            vigil.out().println(url);
            vigil.out().flush();
        }
    }

    /**
     * Loads what the commands use (the HTTP client, JSON and YAML, tables, the rules' validation) without doing anything:
     * the launcher runs it once after a build to make the class-data archive that every later command starts from.
     */
    @Command(name = "train", hidden = true)
    static final class Train implements Runnable {

        @CommandLine.ParentCommand
        VigilCli vigil;

        @Override
        public void run() {
            try {
                new VigilClient("http://127.0.0.1:9", null).get("/api/v1/status");
            } catch (CliFailure expected) {
                // nothing listens there: the classes of a request and of its failure are loaded all the same
            }
            JsonNode sample = VigilClient.JSON.createArrayNode().add(VigilClient.JSON.createObjectNode().put("id", "x"));
            PrintWriter nowhere = new PrintWriter(java.io.OutputStream.nullOutputStream());
            Output.TABLE.print(nowhere, sample, List.of(Output.Column.field("ID", "/id")));
            Output.YAML.print(nowhere, sample, List.of());
            try {
                io.vigil.alert.RulesFile.read(new java.io.ByteArrayInputStream("rules: []".getBytes()), "training");
                VigilClient.JSON.readTree("{\"at\":\"2026-01-01T00:00:00Z\"}");
            } catch (java.io.IOException e) {
                // only loading classes
            }
            Matchers.parse("alertname=~\"x.*\"");
        }
    }
}
