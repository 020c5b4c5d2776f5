package io.vigil.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.auth.Roles;
import io.vigil.cluster.LeaderLease;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.Text;
import io.vigil.web.ProblemException;

/** The scheduler's state and the executions of every schedule. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulerResource {

    private final ScheduleStore store;
    private final ExecutionStore executions;
    private final CapacityGate gate;
    private final RunFollower follower;
    private final LeaderLease lease;
    private final ScheduleConfig config;
    private final StuckRuns stuckRuns;
    private final SecurityIdentity identity;
    private final RequestValidator requests;

    /** Why an operator marks a stuck run as not blocking: kept with the release and in the log. */
    public record ReleaseRequest(@Text(max = 2000) String note) {
    }

    public SchedulerResource(ScheduleStore store, ExecutionStore executions, CapacityGate gate, RunFollower follower,
            LeaderLease lease, ScheduleConfig config, StuckRuns stuckRuns, SecurityIdentity identity, RequestValidator requests) {
        this.store = store;
        this.executions = executions;
        this.gate = gate;
        this.follower = follower;
        this.lease = lease;
        this.config = config;
        this.stuckRuns = stuckRuns;
        this.identity = identity;
        this.requests = requests;
    }

    /** Live and archived executions, newest first, each once. */
    @GET
    @Path("executions")
    public List<JobExecution> executions(@QueryParam("schedule_id") String scheduleId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "limit must be within 1..1000, got " + limit);
        }
        return executions.newest(scheduleId, limit);
    }

    @GET
    @Path("scheduler/status")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", config.enabled());
        out.put("leader", lease.held());
        out.put("lease_holder", lease.holder());
        out.put("gate", gate.status());
        out.put("running", follower.runningExecutions());
        out.put("queue", store.all().stream().filter(Schedule::runnable).filter(s -> s.nextRun() != null)
                .sorted(java.util.Comparator.comparing(Schedule::nextRun))
                .map(s -> Map.of("schedule_id", s.id(), "name", s.name(), "next_run", s.nextRun())).toList());
        out.put("stuck_runs", stuckRuns.stuck());
        out.put("recovery_required", store.all().stream().filter(s -> s.recoveryRequired() != null)
                .map(s -> Map.of("schedule_id", s.id(), "name", s.name(), "recovery", s.recoveryRequired())).toList());
        return out;
    }

    /**
     * Marks a robot run that looks stuck (see {@code stuck_runs} in the status) as not blocking the gate, until it
     * ends: for a run HxRun still shows Running after its process crashed. Someone should have checked the robot.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("scheduler/stuck-runs/{run_guid}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public StuckRunDetector.StuckRun release(@PathParam("run_guid") String runGuid, ReleaseRequest request) {
        requests.check(request);
        if (request == null || request.note() == null || request.note().isBlank()) {
            throw ProblemException.invalid("note",
                    "say why the run no longer blocks the robot, e.g. \"HxRun crashed; robot checked\"");
        }
        return stuckRuns.release(runGuid, identity.getPrincipal().getName(), request.note().trim())
                .orElseThrow(() -> ProblemException.notFound("No stuck run " + runGuid + ": only a run listed in stuck_runs of"
                        + " /api/v1/scheduler/status can be marked as not blocking"));
    }
}
