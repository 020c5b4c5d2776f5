package io.vigil.schedule;

import java.time.Instant;

/**
 * One attempt at running a schedule. {@code scheduleName} and {@code experimentPath} are snapshots kept when the
 * schedule is deleted ({@code archived} true then).
 */
public record JobExecution(String id, String scheduleId, String scheduleName, String experimentPath, ExecutionStatus status,
        int attempt, int retryCount, Instant start, Instant end, Integer exitCode, String error, String command,
        String outputTail, String runGuid, Instant createdAt, boolean archived) {

    public JobExecution with(ExecutionStatus newStatus) {
        return new JobExecution(id, scheduleId, scheduleName, experimentPath, newStatus, attempt, retryCount, start, end,
                exitCode,
                error, command, outputTail, runGuid, createdAt, archived);
    }
}
