package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A command that could not do what was asked; its message is what the user reads, its code the exit status. */
final class CliFailure extends RuntimeException {

    /** The server refused or failed (4xx, 5xx). */
    static final int FAILED = 1;
    /** Vigil could not be reached. */
    static final int UNREACHABLE = 3;
    /** No token, or one without the role the command needs. */
    static final int NOT_ALLOWED = 4;
    /** What the command names does not exist. */
    static final int NOT_FOUND = 5;

    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliFailure of(int status, String what, JsonNode problem) {
        String detail = problem.hasNonNull("detail")
                ? problem.get("detail").asText()
                : problem.isTextual() ? problem.asText() : "";
        return switch (status) {
            case 401 -> new CliFailure(NOT_ALLOWED, "not signed in: give a token with --token or VIGIL_TOKEN"
                    + (detail.isBlank() ? "" : " (" + detail + ")"));
            case 403 ->
                new CliFailure(NOT_ALLOWED, "your token's role may not do this" + (detail.isBlank() ? "" : ": " + detail));
            case 404 -> new CliFailure(NOT_FOUND, detail.isBlank() ? "not found: " + what : detail);
            case 409 -> new CliFailure(FAILED, "conflict: " + detail);
            default -> new CliFailure(FAILED, what + " answered " + status + (detail.isBlank() ? "" : ": " + detail));
        };
    }
}
