package io.vigil.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vigil tokens ls|create|revoke} (admin): the API tokens people and scripts use. */
@Command(name = "tokens", description = "API tokens (admin).", subcommands = { TokensCommand.Ls.class, TokensCommand.Create.class,
        TokensCommand.Revoke.class })
final class TokensCommand {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
            Output.Column.field("ROLE", "/role"), Output.Column.field("CREATED", "/created_at"),
            Output.Column.field("LAST USED", "/last_used_at"), Output.Column.field("EXPIRES", "/expires_at"),
            Output.Column.field("REVOKED", "/revoked_at"));

    @ParentCommand
    VigilCli vigil;

    @Command(name = "ls", description = "Lists the tokens (never their secrets).")
    static final class Ls implements Runnable {

        @ParentCommand
        TokensCommand tokens;

        @Override
        public void run() {
            VigilCli vigil = tokens.vigil;
            vigil.output().print(vigil.out(), vigil.client().get("/api/v1/tokens"), COLUMNS);
        }
    }

    @Command(name = "create", description = "Makes a token; its secret is shown this once.", footer = { "", "Example:",
            "  vigil tokens create --name wall-display --role viewer" })
    static final class Create implements Runnable {

        @ParentCommand
        TokensCommand tokens;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--role", defaultValue = "viewer", description = "viewer, operator or admin; default viewer")
        String role;

        @Override
        public void run() {
            VigilCli vigil = tokens.vigil;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("role", role);
            JsonNode issued = vigil.client().post("/api/v1/tokens", body);
            if (vigil.output() == Output.TABLE) {
                vigil.out().println("token (shown once, keep it now): " + issued.path("token").asText());
                vigil.out().flush();
            } else {
                vigil.output().print(vigil.out(), issued, List.of());
            }
        }
    }

    @Command(name = "revoke", description = "Revokes a token at once.")
    static final class Revoke implements Runnable {

        @ParentCommand
        TokensCommand tokens;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public void run() {
            VigilCli vigil = tokens.vigil;
            vigil.output().print(vigil.out(), vigil.client().delete("/api/v1/tokens/" + id), COLUMNS);
        }
    }
}
