package io.vigil.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil recovery resolve|mark SCHEDULE}: a schedule stopped after an abort, and the person who fixed it. */
@Command(name = "recovery", description = "Manual recovery of a schedule after an abort.", subcommands = {
        RecoveryCommand.Resolve.class,
        RecoveryCommand.Mark.class }, footer = { "", "Example:", "  vigil recovery resolve 3f2a… --note 'tips replaced'" })
final class RecoveryCommand {

    @ParentCommand
    VigilCli vigil;

    void act(String action, String schedule, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("actor", System.getProperty("user.name"));
        if (note != null) {
            body.put("note", note);
        }
        vigil.output().print(vigil.out(), vigil.client().post("/api/v1/schedules/" + schedule + "/recovery", body),
                SchedulesCommand.COLUMNS);
    }

    @Command(name = "resolve", description = "The robot is fit again: the schedule goes on at its next run.")
    static final class Resolve implements Runnable {

        @ParentCommand
        RecoveryCommand recovery;

        @Parameters(index = "0", paramLabel = "SCHEDULE")
        String schedule;

        @Option(names = "--note", description = "what was done")
        String note;

        @Override
        public void run() {
            recovery.act("resolve", schedule, note);
        }
    }

    @Command(name = "mark", description = "Stops a schedule until someone resolves it.")
    static final class Mark implements Runnable {

        @ParentCommand
        RecoveryCommand recovery;

        @Parameters(index = "0", paramLabel = "SCHEDULE")
        String schedule;

        @Option(names = "--note", description = "why")
        String note;

        @Override
        public void run() {
            recovery.act("mark", schedule, note);
        }
    }
}
