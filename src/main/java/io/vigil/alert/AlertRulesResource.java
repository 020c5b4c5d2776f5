package io.vigil.alert;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.auth.Roles;
import io.vigil.validation.RequestValidator;
import io.vigil.web.ProblemException;

/** CRUD of alert rules; every change is validated and takes effect at once. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRulesResource {

    /**
     * Labels and annotations together, as JSON: an alert is stored with them (templates expanded, the series' labels
     * added) in one column of 8000 characters.
     */
    static final int MAX_LABELS_AND_ANNOTATIONS = 4000;

    private final RuleStore rules;
    private final AlertEngine engine;
    private final ReceiverNames receivers;
    private final ObjectMapper json;
    private final RequestValidator requests;

    public AlertRulesResource(RuleStore rules, AlertEngine engine, ReceiverNames receivers, ObjectMapper json,
            RequestValidator requests) {
        this.rules = rules;
        this.engine = engine;
        this.receivers = receivers;
        this.json = json;
        this.requests = requests;
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
        requests.check(rule);
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
        requests.check(rule);
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

    private void valid(AlertRule rule) {
        if (rule == null) {
            throw ProblemException.invalid("body", "send the rule as JSON");
        }
        try {
            rule.validate();
        } catch (InvalidRuleException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
        Set<String> known = receivers.receiverNames();
        for (int i = 0; i < rule.receivers().size(); i++) {
            if (!known.contains(rule.receivers().get(i))) {
                throw ProblemException.invalid("receivers[" + i + "]", "'" + rule.receivers().get(i)
                        + "' is not a configured receiver; configured: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        int labels = jsonLength(rule.labels());
        int annotations = jsonLength(rule.annotations());
        if (labels + annotations > MAX_LABELS_AND_ANNOTATIONS) {
            throw ProblemException.invalid(annotations >= labels ? "annotations" : "labels", "labels and annotations take "
                    + (labels + annotations) + " characters as JSON together; " + MAX_LABELS_AND_ANNOTATIONS + " at most");
        }
    }

    private int jsonLength(Object value) {
        try {
            return json.writeValueAsString(value).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
