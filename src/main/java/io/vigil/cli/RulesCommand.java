package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.vigil.alert.AlertRule;
import io.vigil.alert.RulesFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil rules ls|check}: the server's rules, and an offline check of a rules file (like promtool's). */
@Command(name = "rules", description = "Alert rules.", subcommands = {RulesCommand.Ls.class, RulesCommand.Check.class})
final class RulesCommand {

    @ParentCommand
    VigilCli vigil;

    @Command(name = "ls", description = "Lists the rules Vigil evaluates, and those it cannot read.")
    static final class Ls implements Runnable {

        @ParentCommand
        RulesCommand rules;

        @Override
        public void run() {
            VigilCli vigil = rules.vigil;
            vigil.output().print(vigil.out(), vigil.client().get("/api/v1/alert-rules"), List.of(
                    Output.Column.field("NAME", "/rule/name"),
                    new Output.Column("WHEN", r -> r.at("/rule/series").isMissingNode()
                            ? "event " + Output.text(r.at("/rule/event"))
                            : Output.text(r.at("/rule/series")) + " " + Output.text(r.at("/rule/op")) + " "
                                    + Output.text(r.at("/rule/threshold"))),
                    Output.Column.field("FOR", "/rule/for"), Output.Column.field("SEVERITY", "/rule/severity"),
                    Output.Column.field("ORIGIN", "/origin"), Output.Column.field("VALID", "/valid"),
                    Output.Column.field("ERROR", "/error")));
        }
    }

    @Command(name = "check", description = "Checks rules files offline, with the server's own validation.", footer = {"",
            "Example:", "  vigil rules check lab-rules.yaml"})
    static final class Check implements Runnable {

        @ParentCommand
        RulesCommand rules;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public void run() {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<AlertRule> read = RulesFile.read(in, file.toString());
                    rules.vigil.out().println(file + ": " + read.size() + " rule(s), valid");
                } catch (IOException e) {
                    throw new CliFailure(CliFailure.FAILED, e.getMessage());
                }
            }
            rules.vigil.out().flush();
        }
    }
}
