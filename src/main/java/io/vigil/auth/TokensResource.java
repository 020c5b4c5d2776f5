package io.vigil.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.StoredTime;

/** API tokens: made by an admin, shown once, revocable. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class TokensResource {

    /** What a client asks for: a name, a role, and optionally an end. */
    public record TokenRequest(@OneLine(max = 100) String name, @OneLine(max = 16) String role, @StoredTime Instant expiresAt,
            Integer expiresInDays) {
    }

    /** A token as listed: never its secret. */
    public record TokenView(String id, String name, String role, Instant createdAt, String createdBy, Instant lastUsedAt,
            Instant expiresAt, Instant revokedAt, boolean active) {

        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role().label(), t.createdAt(), t.createdBy(), t.lastUsedAt(),
                    t.expiresAt(), t.revokedAt(), t.activeAt(Instant.now()));
        }
    }

    /** The answer to a new token: its secret, shown this once. */
    public record IssuedView(String token, TokenView tokenInfo) {
    }

    /** Fired when a token is revoked, so its open WebSockets are closed. */
    public record TokenRevoked(String id) {
    }

    private final TokenStore tokens;
    private final SecurityIdentity caller;
    private final Event<TokenRevoked> revoked;
    private final RequestValidator requests;

    public TokensResource(TokenStore tokens, SecurityIdentity caller, Event<TokenRevoked> revoked, RequestValidator requests) {
        this.tokens = tokens;
        this.caller = caller;
        this.revoked = revoked;
        this.requests = requests;
    }

    @GET
    public List<TokenView> list() {
        return tokens.all().stream().map(TokenView::of).toList();
    }

    @POST
    public Response create(TokenRequest body) {
        requests.check(body);
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > 100) {
            throw new BadRequestException("name: give the token a name of 1 to 100 characters, e.g. \"wall display\"");
        }
        Role role;
        try {
            role = Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("role: " + e.getMessage());
        }
        Instant expiresAt = body.expiresAt();
        if (body.expiresInDays() != null) {
            if (body.expiresInDays() < 1 || body.expiresInDays() > 3650) {
                throw new BadRequestException("expires_in_days: between 1 and 3650");
            }
            expiresAt = Instant.now().plus(Duration.ofDays(body.expiresInDays()));
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new BadRequestException("expires_at: " + expiresAt + " is in the past");
        }
        TokenStore.Issued issued = tokens.create(body.name().strip(), role, expiresAt, caller.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .entity(new IssuedView(issued.secret(), TokenView.of(issued.token()))).build();
    }

    @DELETE
    @Path("{id}")
    public TokenView revoke(@PathParam("id") String id) {
        ApiToken token = tokens.revoke(id).orElseThrow(() -> new NotFoundException("No token with id " + id));
        revoked.fire(new TokenRevoked(id));
        return TokenView.of(token);
    }

}
