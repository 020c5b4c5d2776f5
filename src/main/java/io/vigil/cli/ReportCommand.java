package io.vigil.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vigil report}: what a lab manager reads on Monday — alerts fired and resolved with the time to resolve, the
 * scheduled runs by method and how they ended, each schedule's success rate, and how long sources were down.
 */
@Command(name = "report", description = "A summary of a period: alerts, runs, schedules, source downtime.", footer = { "",
        "Examples:", "  vigil report --since 7d", "  vigil report --since 24h --format markdown > monday.md" })
final class ReportCommand implements Runnable {

    @ParentCommand
    VigilCli vigil;

    @Option(names = "--since", defaultValue = "7d", description = "the period: 24h, 7d …; default 7d")
    String since;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json")
    String format;

    @Override
    public void run() {
        Instant from = Instant.now().minus(VigilCli.duration(since, "--since"));
        VigilClient client = vigil.client();
        ObjectNode report = report(client.get("/api/v1/alerts/history?limit=1000"), client.get("/api/v1/executions?limit=1000"),
                from);
        acknowledgements(report, client.get("/api/v1/alerts?include_resolved=true"), from);
        PrintWriter out = vigil.out();
        switch (format) {
            case "json" -> out.println(report.toPrettyString());
            case "markdown" -> markdown(out, report);
            case "text" -> text(out, report);
            default -> throw new CliFailure(2, "--format " + format + ": use text, markdown or json");
        }
        out.flush();
    }

    static ObjectNode report(JsonNode history, JsonNode executions, Instant from) {
        ObjectNode report = VigilClient.JSON.createObjectNode();
        report.put("since", from.toString());
        // Alerts: a FIRING change starts an episode, the next RESOLVED one of the same alert ends it.
        Map<String, Instant> firedAt = new HashMap<>();
        Map<String, Integer> fired = new TreeMap<>();
        List<Long> resolveSeconds = new ArrayList<>();
        Map<String, Long> downSeconds = new TreeMap<>();
        List<JsonNode> changes = new ArrayList<>();
        history.forEach(changes::add);
        changes.sort((a, b) -> a.path("at").asText().compareTo(b.path("at").asText()));
        for (JsonNode c : changes) {
            Instant at = Instant.parse(c.path("at").asText());
            if (at.isBefore(from)) {
                continue;
            }
            String id = c.path("alert_id").asText();
            switch (c.path("state").asText().toUpperCase()) {
                case "FIRING" -> {
                    firedAt.put(id, at);
                    fired.merge(c.path("rule").asText(), 1, Integer::sum);
                }
                case "RESOLVED" -> {
                    Instant start = firedAt.remove(id);
                    if (start != null) {
                        long s = Duration.between(start, at).toSeconds();
                        resolveSeconds.add(s);
                        String source = c.path("labels").path("source").asText("");
                        if (c.path("rule").asText().endsWith("Down") && !source.isEmpty()) {
                            downSeconds.merge(source, s, Long::sum);
                        }
                    }
                }
                default -> {
                }
            }
        }
        ObjectNode alerts = report.putObject("alerts");
        alerts.put("fired", fired.values().stream().mapToInt(Integer::intValue).sum());
        alerts.put("resolved", resolveSeconds.size());
        alerts.put("still_firing", firedAt.size());
        alerts.put("median_seconds_to_resolve", median(resolveSeconds));
        fired.forEach(alerts.putObject("fired_by_rule")::put);
        downSeconds.forEach(report.putObject("source_down_seconds")::put);
        // Scheduled runs: by method and outcome, and each schedule's share of completed ones.
        Map<String, Map<String, Integer>> byMethod = new TreeMap<>();
        Map<String, int[]> bySchedule = new TreeMap<>();
        for (JsonNode e : executions) {
            String created = e.path("created_at").asText("");
            if (created.isEmpty() || Instant.parse(created).isBefore(from)) {
                continue;
            }
            String status = e.path("status").asText();
            byMethod.computeIfAbsent(e.path("experiment_path").asText("?"), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            int[] counts = bySchedule.computeIfAbsent(e.path("schedule_name").asText(e.path("schedule_id").asText()),
                    k -> new int[2]);
            counts[1]++;
            if (status.equals("completed")) {
                counts[0]++;
            }
        }
        ObjectNode runs = report.putObject("runs_by_method");
        byMethod.forEach((method, counts) -> counts.forEach(runs.putObject(method)::put));
        ObjectNode schedules = report.putObject("schedules");
        bySchedule.forEach((name, c) -> schedules.putObject(name).put("executions", c[1]).put("completed", c[0])
                .put("success_rate", c[1] == 0 ? 0 : (double) c[0] / c[1]));
        return report;
    }

    /**
     * Time from firing to acknowledgement, of the alerts Vigil still holds (firing, or resolved lately): the history
     * keeps state changes, not acknowledgements.
     */
    static void acknowledgements(ObjectNode report, JsonNode alerts, Instant from) {
        List<Long> seconds = new ArrayList<>();
        int unacknowledged = 0;
        for (JsonNode a : alerts) {
            String fired = a.path("fired_at").asText("");
            if (fired.isEmpty() || Instant.parse(fired).isBefore(from)) {
                continue;
            }
            String acked = a.path("ack").path("at").asText("");
            if (acked.isEmpty()) {
                unacknowledged += "FIRING".equalsIgnoreCase(a.path("state").asText()) ? 1 : 0;
            } else {
                seconds.add(Duration.between(Instant.parse(fired), Instant.parse(acked)).toSeconds());
            }
        }
        ObjectNode out = (ObjectNode) report.path("alerts");
        out.put("acknowledged", seconds.size());
        out.put("firing_unacknowledged", unacknowledged);
        out.put("median_seconds_to_acknowledge", median(seconds));
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String human(long seconds) {
        return seconds >= 3600
                ? String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format("%dm %02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    private static void text(PrintWriter out, JsonNode r) {
        JsonNode a = r.path("alerts");
        out.printf("Vigil report since %s%n%n", r.path("since").asText());
        out.printf("Alerts: %d fired, %d resolved (median %s to resolve), %d still firing%n", a.path("fired").asInt(),
                a.path("resolved").asInt(), human(a.path("median_seconds_to_resolve").asLong()), a.path("still_firing").asInt());
        out.printf("  acknowledged: %d (median %s from firing), firing and not acknowledged: %d%n",
                a.path("acknowledged").asInt(),
                human(a.path("median_seconds_to_acknowledge").asLong()), a.path("firing_unacknowledged").asInt());
        a.path("fired_by_rule").fields().forEachRemaining(e -> out.printf("  %-32s %d%n", e.getKey(), e.getValue().asInt()));
        out.println();
        out.println("Scheduled runs by method:");
        r.path("runs_by_method").fields().forEachRemaining(m -> out.printf("  %-32s %s%n", m.getKey(), m.getValue().toString()
                .replaceAll("[{}\"]", "").replace(",", ", ").replace(":", " ")));
        out.println();
        out.println("Schedules:");
        r.path("schedules").fields().forEachRemaining(s -> out.printf("  %-32s %d of %d completed (%.0f %%)%n", s.getKey(),
                s.getValue().path("completed").asInt(), s.getValue().path("executions").asInt(),
                100 * s.getValue().path("success_rate").asDouble()));
        out.println();
        out.println("Source downtime:");
        if (r.path("source_down_seconds").isEmpty()) {
            out.println("  none");
        }
        r.path("source_down_seconds").fields()
                .forEachRemaining(s -> out.printf("  %-32s %s%n", s.getKey(), human(s.getValue().asLong())));
    }

    private static void markdown(PrintWriter out, JsonNode r) {
        JsonNode a = r.path("alerts");
        out.printf("# Vigil report since %s%n%n## Alerts%n%n", r.path("since").asText());
        out.printf("%d fired, %d resolved (median %s to resolve), %d still firing.%n%n| alert | fired |%n|---|---|%n",
                a.path("fired").asInt(), a.path("resolved").asInt(), human(a.path("median_seconds_to_resolve").asLong()),
                a.path("still_firing").asInt());
        a.path("fired_by_rule").fields().forEachRemaining(e -> out.printf("| %s | %d |%n", e.getKey(), e.getValue().asInt()));
        out.printf("%n## Schedules%n%n| schedule | executions | completed | success |%n|---|---|---|---|%n");
        r.path("schedules").fields().forEachRemaining(s -> out.printf("| %s | %d | %d | %.0f %% |%n", s.getKey(),
                s.getValue().path("executions").asInt(), s.getValue().path("completed").asInt(),
                100 * s.getValue().path("success_rate").asDouble()));
        out.printf("%n## Source downtime%n%n");
        if (r.path("source_down_seconds").isEmpty()) {
            out.println("None.");
        }
        r.path("source_down_seconds").fields()
                .forEachRemaining(s -> out.printf("- %s: %s%n", s.getKey(), human(s.getValue().asLong())));
    }
}
