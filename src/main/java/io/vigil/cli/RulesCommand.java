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
@Command(name = "rules", description = "Alert rules.", subcommands = { RulesCommand.Ls.class, RulesCommand.Get.class,
        RulesCommand.Apply.class, RulesCommand.Delete.class, RulesCommand.Check.class })
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

    @Command(name = "get", description = "One rule, as stored.")
    static final class Get implements Runnable {

        @ParentCommand
        RulesCommand rules;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            VigilCli vigil = rules.vigil;
            Output out = vigil.output() == Output.TABLE ? Output.YAML : vigil.output();
            out.print(vigil.out(), vigil.client().get("/api/v1/alert-rules/" + name), List.of());
        }
    }

    @Command(name = "apply", description = "Creates or replaces the rules of a file (checked first, as by check).", footer = { "",
            "Example:", "  vigil rules apply -f lab-rules.yaml" })
    static final class Apply implements Runnable {

        @ParentCommand
        RulesCommand rules;

        @picocli.CommandLine.Option(names = { "-f", "--file" }, required = true)
        Path file;

        @Override
        public void run() {
            VigilCli vigil = rules.vigil;
            List<AlertRule> read;
            try (InputStream in = Files.newInputStream(file)) {
                read = RulesFile.read(in, file.toString());
            } catch (IOException e) {
                throw new CliFailure(CliFailure.FAILED, e.getMessage());
            }
            for (AlertRule rule : read) {
                // PUT creates a rule that does not exist and replaces one that does.
                vigil.client().put("/api/v1/alert-rules/" + rule.name(), rule);
                vigil.out().println("applied " + rule.name());
            }
            vigil.out().flush();
        }
    }

    @Command(name = "delete", description = "Deletes a rule; its alerts resolve.")
    static final class Delete implements Runnable {

        @ParentCommand
        RulesCommand rules;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public void run() {
            for (String name : names) {
                rules.vigil.client().delete("/api/v1/alert-rules/" + name);
                rules.vigil.out().println("deleted " + name);
            }
            rules.vigil.out().flush();
        }
    }

    @Command(name = "check", description = "Checks rules files offline, with the server's own validation.", footer = { "",
            "Example:", "  vigil rules check lab-rules.yaml" })
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
