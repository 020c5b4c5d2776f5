package io.vigil.auth;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** Who the caller is and what it may do: the dashboard shows or hides its buttons by it. */
@Path("/api/v1/whoami")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class WhoAmIResource {

    public record Caller(String name, String role, List<String> roles) {
    }

    private final SecurityIdentity identity;

    public WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Caller get() {
        Role role = Role.highest(identity.getRoles());
        return new Caller(identity.getPrincipal().getName(), role == null ? null : role.label(),
                identity.getRoles().stream().sorted().toList());
    }
}
