package io.vigil.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.auth.Roles;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.Text;
import io.vigil.web.ProblemException;

/**
 * Schedules with optimistic locking: every answer carries the version as ETag, and a change needs it back in
 * If-Match; a stale one gets 409 with the current version.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {

    /** Marks or resolves the need for manual recovery. */
    public record RecoveryRequest(@OneLine(max = 16) String action, @Text(max = 2000) String note,
            @OneLine(max = 200) String actor) {
    }

    private final ScheduleStore store;
    private final ExperimentScheduler scheduler;
    private final RequestValidator requests;

    /** Who archives, pauses or deletes: named on the executions that cancels. */
    @Inject
    SecurityIdentity identity;

    public SchedulesResource(ScheduleStore store, ExperimentScheduler scheduler, RequestValidator requests) {
        this.store = store;
        this.scheduler = scheduler;
        this.requests = requests;
    }

    /** Every schedule; one stored that cannot be read is listed with {@code valid: false} and the reason. */
    @GET
    public List<Object> list(@QueryParam("archived") Boolean archived) {
        List<Object> out = new ArrayList<>();
        List<Object> unreadable = new ArrayList<>();
        for (ScheduleStore.Row row : store.listing()) {
            if (row.schedule() != null && (archived == null || row.schedule().archived() == archived)) {
                out.add(row.schedule());
            } else if (row.unreadable() != null && !Boolean.TRUE.equals(archived)) {
                unreadable.add(row.unreadable());
            }
        }
        out.addAll(unreadable);
        return out;
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        ScheduleStore.Row row = store.row(id).orElseThrow(() -> ProblemException.notFound("No schedule " + id));
        if (row.unreadable() != null) {
            return Response.ok(row.unreadable()).build();
        }
        return Response.ok(row.schedule()).tag(etag(row.schedule())).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ScheduleRequest request) {
        requests.check(request);
        ScheduleType type = valid(request);
        nameFree(request.name(), null);
        Instant now = Instant.now();
        Schedule draft = new Schedule(UUID.randomUUID().toString(), request.name().trim(), request.experimentPath().trim(), type,
                request.intervalHours(), request.cron(), request.startAt(), retry(request), request.expectedDuration(),
                request.active() == null || request.active(), false, null, null, 0, null, 1, now, now);
        Schedule s = withNextRun(draft, now);
        store.insert(s);
        return Response.status(201).entity(s).tag(etag(s)).header("Location", "/api/v1/schedules/" + s.id()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            ScheduleRequest request) {
        requests.check(request);
        Schedule current = find(id);
        int expected = expectedVersion(ifMatch, current);
        ScheduleType type = valid(request);
        nameFree(request.name(), id);
        Schedule changed = new Schedule(id, request.name().trim(), request.experimentPath().trim(), type, request.intervalHours(),
                request.cron(), request.startAt(), retry(request), request.expectedDuration(),
                request.active() == null || request.active(), current.archived(), null, current.lastRun(), 0,
                current.recoveryRequired(), current.version(), current.createdAt(), Instant.now());
        return write(withNextRun(changed, Instant.now()), expected);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ScheduleStore.Row row = store.row(id).orElseThrow(() -> ProblemException.notFound("No schedule " + id));
        if (row.unreadable() != null) {
            store.delete(row.unreadable());
            return Response.noContent().build();
        }
        Schedule s = row.schedule();
        scheduler.cancelWaiting(id, "cancelled by " + caller() + ": the schedule was deleted");
        if (scheduler.isRunning(id)) {
            throw ProblemException.conflict("Schedule " + id + " has an execution under way; delete it when it has ended");
        }
        store.delete(s);
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("{id}/run-now")
    public Response runNow(@PathParam("id") String id) {
        Schedule s = find(id);
        if (s.recoveryRequired() != null) {
            throw ProblemException.conflict("Schedule " + id + " needs manual recovery first: " + s.recoveryRequired().note());
        }
        JobExecution execution = scheduler.runNow(s);
        if (execution == null) {
            throw ProblemException.conflict("Schedule " + id + " already has an execution under way");
        }
        return Response.accepted(execution).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("{id}/archive")
    public Response archive(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        Schedule s = find(id);
        int expected = ifMatch == null ? s.version() : expectedVersion(ifMatch, s);
        return write(
                new Schedule(s.id(), s.name(), s.experimentPath(), s.scheduleType(), s.intervalHours(), s.cron(), s.startAt(),
                        s.retry(), s.expectedDuration(), false, true, null, s.lastRun(), 0, s.recoveryRequired(), s.version(),
                        s.createdAt(), Instant.now()),
                expected);
    }

    /** {@code {"action":"resolve","actor":"alice","note":"plate replaced"}} or {@code "action":"mark"}. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("{id}/recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recovery(@PathParam("id") String id, RecoveryRequest request) {
        requests.check(request);
        Schedule s = find(id);
        // The action decides what else is needed, so it is checked first.
        String action = request == null ? null : request.action();
        if (!"resolve".equals(action) && !"mark".equals(action)) {
            throw ProblemException.invalid("action", action == null
                    ? "required: mark or resolve"
                    : "'" + action + "' is not mark or resolve");
        }
        if (request.actor() == null || request.actor().isBlank()) {
            throw ProblemException.invalid("actor", "say who marks or resolves the recovery");
        }
        Instant now = Instant.now();
        Schedule changed;
        if ("resolve".equals(action)) {
            if (s.recoveryRequired() == null) {
                throw ProblemException.conflict("Schedule " + id + " does not need recovery");
            }
            changed = new Schedule(s.id(), s.name(), s.experimentPath(), s.scheduleType(), s.intervalHours(), s.cron(),
                    s.startAt(), s.retry(), s.expectedDuration(), s.active(), s.archived(), nextAfterRecovery(s, now),
                    s.lastRun(),
                    0, null, s.version(), s.createdAt(), now);
        } else {
            changed = new Schedule(s.id(), s.name(), s.experimentPath(), s.scheduleType(), s.intervalHours(), s.cron(),
                    s.startAt(),
                    s.retry(), s.expectedDuration(), s.active(), s.archived(), null, s.lastRun(), 0,
                    new Recovery(request.note() == null ? "marked by " + request.actor() : request.note(), request.actor().trim(),
                            now),
                    s.version(), s.createdAt(), now);
        }
        return write(changed, s.version());
    }

    /**
     * Resolving a recovery launches nothing by itself: the schedule continues at its next regular time after now, and a
     * once schedule whose time has passed gets none (running it again is what run-now is for).
     */
    private Instant nextAfterRecovery(Schedule s, Instant now) {
        if (!s.active() || s.archived()) {
            return null;
        }
        NextRun.Next next = NextRun.regular(s, now, scheduler.zone());
        if (next.error() != null) {
            throw ProblemException.conflict("Schedule " + s.id() + " has no next run to resume at (" + next.error()
                    + "); change the schedule, then resolve");
        }
        return next.time();
    }

    private Response write(Schedule changed, int expected) {
        if (!store.updateByUser(changed, expected)) {
            Schedule now = find(changed.id());
            throw new StaleSchedule(now.version());
        }
        Schedule stored = find(changed.id());
        if (!stored.runnable()) {
            // Stopped by this change: what waits for the robot must not start after all.
            String how = stored.archived() ? "archived" : stored.recoveryRequired() != null ? "marked for recovery" : "paused";
            scheduler.cancelWaiting(stored.id(), "cancelled by " + caller() + ": the schedule was " + how);
        }
        return Response.ok(stored).tag(etag(stored)).build();
    }

    private String caller() {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * The first run of a new or replaced schedule. Without {@code start_at} a repeating schedule begins at the start of
     * its next whole period ({@link NextRun#firstStart}), which becomes its {@code start_at}, so nothing launches the
     * moment it is created; a once schedule without one runs at once.
     */
    private Schedule withNextRun(Schedule s, Instant now) {
        if (!s.runnable()) {
            return s;
        }
        Instant start = s.startAt() != null
                ? s.startAt()
                : s.scheduleType() == ScheduleType.ONCE
                        ? null
                        : NextRun.firstStart(s.scheduleType(), s.intervalHours(), now, scheduler.zone());
        Instant next;
        if (s.scheduleType() == ScheduleType.ONCE) {
            // A once schedule that has run does not run again because it was edited: run-now is the explicit choice.
            boolean ran = s.lastRun() != null && (start == null || !start.isAfter(now));
            next = ran ? null : start != null ? start : now;
        } else {
            NextRun.Next computed = NextRun.next(s.scheduleType(), s.intervalHours(), s.cron(), start, now.minusMillis(1),
                    scheduler.zone());
            if (computed.error() != null) {
                throw ProblemException.invalid("start_at", computed.error());
            }
            next = computed.time();
        }
        return new Schedule(s.id(), s.name(), s.experimentPath(), s.scheduleType(), s.intervalHours(), s.cron(), start, s.retry(),
                s.expectedDuration(), s.active(), s.archived(), next, s.lastRun(), s.retryAttempt(), s.recoveryRequired(),
                s.version(), s.createdAt(), s.updatedAt());
    }

    private Schedule find(String id) {
        ScheduleStore.Row row = store.row(id).orElseThrow(() -> ProblemException.notFound("No schedule " + id));
        if (row.schedule() != null) {
            return row.schedule();
        }
        throw ProblemException.conflict("Schedule " + id + " is stored but cannot be read (" + row.unreadable().error()
                + "); delete it and create it again");
    }

    private static ScheduleType valid(ScheduleRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "send the schedule as JSON");
        }
        try {
            return request.validate();
        } catch (InvalidScheduleException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }

    /**
     * A name tells schedules apart on the dashboard, in alerts and in the executions' archive: no two schedules that
     * are not archived share one, whatever its case or surrounding spaces.
     */
    private void nameFree(String name, String id) {
        String wanted = name.trim();
        store.all().stream().filter(s -> !s.archived() && !s.id().equals(id) && s.name().trim().equalsIgnoreCase(wanted))
                .findFirst().ifPresent(s -> {
                    throw new ProblemException(409, "Conflict", "A schedule named '" + s.name() + "' exists (" + s.id()
                            + "); give this one another name", "name");
                });
    }

    private static RetryPolicy retry(ScheduleRequest request) {
        return request.retry() == null ? RetryPolicy.none() : request.retry();
    }

    private static int expectedVersion(String ifMatch, Schedule current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "Precondition Required",
                    "Send If-Match with the ETag you read (the current one is \"" + current.version() + "\")", "If-Match");
        }
        try {
            return Integer.parseInt(ifMatch.trim().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "'" + ifMatch + "' is not an ETag of this API, e.g. \"3\"");
        }
    }

    static EntityTag etag(Schedule s) {
        return new EntityTag(String.valueOf(s.version()));
    }

    /** A write based on an old version: 409, with the current version in the detail and the ETag. */
    public static class StaleSchedule extends RuntimeException {

        final int current;

        StaleSchedule(int current) {
            super("The schedule changed since you read it; the current version is " + current + ". Read it again and retry.");
            this.current = current;
        }
    }

    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response stale(StaleSchedule e) {
        return Response.status(409).type(io.vigil.web.Problem.MEDIA_TYPE).tag(new EntityTag(String.valueOf(e.current)))
                .entity(new io.vigil.web.Problem(java.net.URI.create("about:blank"), "Conflict", 409, e.getMessage(), null,
                        "version"))
                .build();
    }
}
