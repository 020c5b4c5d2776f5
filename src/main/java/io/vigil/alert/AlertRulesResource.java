package io.vigil.alert;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vigil.api.ProblemException;
import io.vigil.auth.Roles;

/** CRUD of alert rules; every change is validated and takes effect at once. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRulesResource {

    private final RuleStore rules;
    private final AlertEngine engine;

    public AlertRulesResource(RuleStore rules, AlertEngine engine) {
        this.rules = rules;
        this.engine = engine;
    }

    @GET
    public List<RuleStore.StoredRule> list() {
        return rules.all();
    }

    @GET
    @Path("{name}")
    public RuleStore.StoredRule get(@PathParam("name") String name) {
        return rules.get(name).orElseThrow(() -> ProblemException.notFound("No alert rule '" + name + "'"));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response create(AlertRule rule) {
        valid(rule);
        if (rules.get(rule.name()).isPresent()) {
            throw ProblemException.conflict("An alert rule named '" + rule.name() + "' exists; PUT /api/v1/alert-rules/"
                    + rule.name() + " replaces it");
        }
        RuleStore.StoredRule stored = rules.save(rule, "api");
        engine.reloadRules();
        return Response.status(201).entity(stored).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{name}")
    public RuleStore.StoredRule replace(@PathParam("name") String name, AlertRule rule) {
        valid(rule);
        if (!name.equals(rule.name())) {
            throw ProblemException.invalid("name", "name '" + rule.name() + "' differs from the path's '" + name + "'");
        }
        RuleStore.StoredRule stored = rules.save(rule, "api");
        engine.reloadRules();
        return stored;
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (!rules.delete(name)) {
            throw ProblemException.notFound("No alert rule '" + name + "'");
        }
        engine.reloadRules();
        return Response.noContent().build();
    }

    private static void valid(AlertRule rule) {
        if (rule == null) {
            throw ProblemException.invalid("body", "send the rule as JSON");
        }
        try {
            rule.validate();
        } catch (InvalidRuleException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }
}
