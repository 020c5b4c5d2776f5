package io.vigil.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil schedules ls|get|run-now|archive}. */
@Command(name = "schedules", description = "Scheduled experiments.", subcommands = { SchedulesCommand.Ls.class,
        SchedulesCommand.Get.class, SchedulesCommand.RunNow.class,
        SchedulesCommand.Archive.class })
final class SchedulesCommand {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
            Output.Column.field("TYPE", "/schedule_type"), Output.Column.field("NEXT RUN", "/next_run"),
            Output.Column.field("LAST RUN", "/last_run"),
            new Output.Column("STATE", s -> !s.path("valid").asBoolean(true)
                    ? "invalid: " + Output.text(s.path("error"))
                    : s.path("archived").asBoolean()
                            ? "archived"
                            : !s.path("recovery_required").isNull() && !s.path("recovery_required").isMissingNode()
                                    ? "recovery required"
                                    : s.path("active").asBoolean() ? "active" : "paused"));

    @ParentCommand
    VigilCli vigil;

    @Command(name = "ls", description = "Lists the schedules.")
    static final class Ls implements Runnable {

        @ParentCommand
        SchedulesCommand schedules;

        @Override
        public void run() {
            VigilCli vigil = schedules.vigil;
            vigil.output().print(vigil.out(), vigil.client().get("/api/v1/schedules"), COLUMNS);
        }
    }

    @Command(name = "get", description = "One schedule.")
    static final class Get implements Runnable {

        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public void run() {
            VigilCli vigil = schedules.vigil;
            vigil.output().print(vigil.out(), vigil.client().get("/api/v1/schedules/" + id), COLUMNS);
        }
    }

    @Command(name = "run-now", description = "Starts an execution now (operator).")
    static final class RunNow implements Runnable {

        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public void run() {
            VigilCli vigil = schedules.vigil;
            vigil.output().print(vigil.out(), vigil.client().post("/api/v1/schedules/" + id + "/run-now", null),
                    ExecutionsCommand.COLUMNS);
        }
    }

    @Command(name = "archive", description = "Archives a schedule: it stops, and a waiting execution is cancelled (admin).")
    static final class Archive implements Runnable {

        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public void run() {
            VigilCli vigil = schedules.vigil;
            vigil.output().print(vigil.out(), vigil.client().post("/api/v1/schedules/" + id + "/archive", null), COLUMNS);
        }
    }
}
