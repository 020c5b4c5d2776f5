package io.vigil.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil alerts}: the active alerts, filtered like amtool's; {@code ack}; {@code history}. */
@Command(name = "alerts", description = "Active alerts (firing and pending), newest first.", subcommands = {
        AlertsCommand.Ack.class, AlertsCommand.History.class },
        footer = { "", "Examples:", "  vigil alerts",
                "  vigil alerts --state firing severity=critical",
                "  vigil alerts alertname=~\"Gpu.*\" -o json" })
final class AlertsCommand implements Runnable {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("ALERT", "/rule"),
            Output.Column.field("SEVERITY", "/severity"), Output.Column.field("STATE", "/state"),
            new Output.Column("SINCE", a -> Output.text(a.path("fired_at").isNull() ? a.path("active_at") : a.path("fired_at"))),
            new Output.Column("SUMMARY", a -> Output.text(a.at("/annotations/summary"))));

    @ParentCommand
    VigilCli vigil;

    @Option(names = "--state", description = "firing or pending")
    String state;

    @Parameters(arity = "0..*", paramLabel = "MATCHER",
            description = "label matchers: name=\"v\", name!=v, name=~\"re\", name!~re")
    List<String> matchers = List.of();

    @Override
    public void run() {
        List<Map<String, Object>> wanted = Matchers.parseAll(matchers);
        ArrayNode shown = VigilClient.JSON.createArrayNode();
        for (JsonNode alert : vigil.client().get("/api/v1/alerts")) {
            if ((state == null || state.equalsIgnoreCase(alert.path("state").asText())) && matches(alert, wanted)) {
                shown.add(alert);
            }
        }
        vigil.output().print(vigil.out(), shown, COLUMNS);
    }

    static boolean matches(JsonNode alert, List<Map<String, Object>> matchers) {
        for (Map<String, Object> m : matchers) {
            String name = (String) m.get("name");
            String value = name.equals("alertname")
                    ? alert.path("rule").asText()
                    : alert.path("labels").path(name).asText(name.equals("severity") ? alert.path("severity").asText() : "");
            boolean hit = (Boolean) m.get("is_regex") ? value.matches((String) m.get("value")) : value.equals(m.get("value"));
            if (hit != (Boolean) m.get("is_equal")) {
                return false;
            }
        }
        return true;
    }

    @Command(name = "ack", description = "Acknowledges a firing alert: repeats stop until it resolves.",
            footer = { "", "Example:",
                    "  vigil alerts ack 'CpuHigh/lab1' --by olga --note 'looking into it'" })
    static final class Ack implements Runnable {

        @ParentCommand
        AlertsCommand alerts;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--by", description = "who acknowledges (default: your user name)")
        String by = System.getProperty("user.name");

        @Option(names = "--note", description = "why, or what is being done")
        String note;

        @Override
        public void run() {
            VigilCli vigil = alerts.vigil;
            JsonNode acked = vigil.client().post("/api/v1/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/ack",
                    note == null ? Map.of("by", by) : Map.of("by", by, "note", note));
            vigil.output().print(vigil.out(), acked, COLUMNS);
        }
    }

    @Command(name = "history", description = "Alert changes over a period, newest first.", footer = { "", "Example:",
            "  vigil alerts history --since 24h" })
    static final class History implements Runnable {

        @ParentCommand
        AlertsCommand alerts;

        @Option(names = "--since", defaultValue = "24h", description = "how far back (30m, 24h, 7d); default 24h")
        String since;

        @Option(names = "--limit", defaultValue = "1000")
        int limit;

        @Override
        public void run() {
            VigilCli vigil = alerts.vigil;
            Instant from = Instant.now().minus(VigilCli.duration(since, "--since"));
            ArrayNode shown = VigilClient.JSON.createArrayNode();
            for (JsonNode change : vigil.client().get("/api/v1/alerts/history?limit=" + limit)) {
                String at = change.path("at").asText("");
                if (at.isEmpty() || !Instant.parse(at).isBefore(from)) {
                    shown.add(change);
                }
            }
            vigil.output().print(vigil.out(), shown, List.of(Output.Column.field("AT", "/at"),
                    Output.Column.field("ALERT", "/rule"), Output.Column.field("STATE", "/state"),
                    Output.Column.field("SEVERITY", "/severity"), Output.Column.field("SUMMARY", "/summary")));
        }
    }
}
