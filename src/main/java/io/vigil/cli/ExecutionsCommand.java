package io.vigil.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    Filter filter;

    /** The options of both spellings, {@code executions} and {@code executions ls}. */
    static final class Filter {

        @Option(names = "--schedule", description = "only this schedule's (its id)")
        String schedule;

        @Option(names = "--limit", defaultValue = "20")
        int limit;
    }

    @Override
    public void run() {
        list(filter);
    }

    void list(Filter f) {
        String query = "/api/v1/executions?limit=" + f.limit + (f.schedule == null ? "" : "&schedule_id=" + f.schedule);
        vigil.output().print(vigil.out(), vigil.client().get(query), COLUMNS);
    }

    /** {@code vigil executions ls --schedule ID}: the same, in kubectl's words. */
    @Command(name = "ls", description = "Executions, newest first.")
    static final class Ls implements Runnable {

        @ParentCommand
        ExecutionsCommand executions;

        @Mixin
        Filter filter;

        @Override
        public void run() {
            executions.list(filter);
        }
    }
}
