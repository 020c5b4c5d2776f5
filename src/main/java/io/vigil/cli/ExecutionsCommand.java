package io.vigil.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vigil executions}: executions newest first, live and archived. */
@Command(name = "executions", description = "Executions, newest first (also: executions ls).",
        subcommands = ExecutionsCommand.Ls.class)
final class ExecutionsCommand implements Runnable {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"),
            Output.Column.field("SCHEDULE", "/schedule_name"), Output.Column.field("STATUS", "/status"),
            Output.Column.field("START", "/start"), Output.Column.field("END", "/end"),
            Output.Column.field("EXIT", "/exit_code"), Output.Column.field("ERROR", "/error"));

    @ParentCommand
    VigilCli vigil;

    @Option(names = "--schedule", description = "only this schedule's (its id)")
    String schedule;

    @Option(names = "--limit", defaultValue = "20")
    int limit;

    @Override
    public void run() {
        String query = "/api/v1/executions?limit=" + limit + (schedule == null ? "" : "&schedule_id=" + schedule);
        vigil.output().print(vigil.out(), vigil.client().get(query), COLUMNS);
    }

    /** {@code vigil executions ls --schedule ID}: the same, in kubectl's words. */
    @Command(name = "ls", description = "Executions, newest first.")
    static final class Ls implements Runnable {

        @ParentCommand
        ExecutionsCommand executions;

        @Option(names = "--schedule", description = "only this schedule's (its id)")
        String schedule;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public void run() {
            executions.schedule = schedule;
            executions.limit = limit;
            executions.run();
        }
    }
}
