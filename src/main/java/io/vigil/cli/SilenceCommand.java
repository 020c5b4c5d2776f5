package io.vigil.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil silence add|ls|expire}, with amtool's matcher syntax. */
@Command(name = "silence", description = "Mute the notifications of matching alerts for a while.", subcommands = {
        SilenceCommand.Add.class, SilenceCommand.Ls.class, SilenceCommand.Expire.class })
final class SilenceCommand {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/silence/id"),
            new Output.Column("MATCHERS", v -> matchers(v.path("silence").path("matchers"))),
            Output.Column.field("STATE", "/state"), Output.Column.field("ENDS", "/silence/ends_at"),
            Output.Column.field("BY", "/silence/created_by"), Output.Column.field("COMMENT", "/silence/comment"));

    @ParentCommand
    VigilCli vigil;

    static String matchers(com.fasterxml.jackson.databind.JsonNode list) {
        StringBuilder out = new StringBuilder();
        list.forEach(m -> {
            String op = m.path("is_regex").asBoolean()
                    ? (m.path("is_equal").asBoolean(true) ? "=~" : "!~")
                    : (m.path("is_equal").asBoolean(true) ? "=" : "!=");
            out.append(out.length() == 0 ? "" : " ").append(m.path("name").asText()).append(op).append('"')
                    .append(m.path("value").asText()).append('"');
        });
        return out.toString();
    }

    @Command(name = "add", description = "Adds a silence from now on.", footer = { "", "Example:",
            "  vigil silence add alertname=~\"Gpu.*\" instance=\"lab-pc-2\" --for 2h --comment 'driver update'" })
    static final class Add implements Runnable {

        @ParentCommand
        SilenceCommand silence;

        @Parameters(arity = "1..*", paramLabel = "MATCHER")
        List<String> matchers;

        @Option(names = "--for", defaultValue = "1h", description = "how long (30m, 2h, 7d); default 1h")
        String duration;

        @Option(names = "--comment", required = true, description = "why")
        String comment;

        @Option(names = "--by", description = "who silences (default: your user name)")
        String by = System.getProperty("user.name");

        @Override
        public void run() {
            VigilCli vigil = silence.vigil;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matchers", Matchers.parseAll(matchers));
            body.put("ends_at", Instant.now().plus(VigilCli.duration(duration, "--for")).toString());
            body.put("created_by", by);
            body.put("comment", comment);
            vigil.output().print(vigil.out(), vigil.client().post("/api/v1/silences", body), COLUMNS);
        }
    }

    @Command(name = "ls", description = "Lists silences (active and pending by default).")
    static final class Ls implements Runnable {

        @ParentCommand
        SilenceCommand silence;

        @Option(names = "--all", description = "expired ones too")
        boolean all;

        @Override
        public void run() {
            VigilCli vigil = silence.vigil;
            var shown = VigilClient.JSON.createArrayNode();
            vigil.client().get("/api/v1/silences").forEach(s -> {
                if (all || !"expired".equals(s.path("state").asText())) {
                    shown.add(s);
                }
            });
            vigil.output().print(vigil.out(), shown, COLUMNS);
        }
    }

    @Command(name = "expire", description = "Ends a silence now.")
    static final class Expire implements Runnable {

        @ParentCommand
        SilenceCommand silence;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<String> ids;

        @Override
        public void run() {
            VigilCli vigil = silence.vigil;
            for (String id : ids) {
                vigil.client().delete("/api/v1/silences/" + id);
                vigil.out().println("expired " + id);
            }
            vigil.out().flush();
        }
    }
}
