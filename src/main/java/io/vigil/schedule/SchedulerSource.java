package io.vigil.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.vigil.hub.MetricSource;
import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;

/**
 * The scheduler's own readings as a source: executions running and waiting, and the robot runs that look stuck
 * ({@code scheduler.robot_run.stuck} 1, or 0 once marked not blocking or moving again), so alerts, history and
 * Prometheus see them as any other series.
 */
@ApplicationScoped
public class SchedulerSource implements MetricSource {

    static final String NAME = "scheduler";

    private final ScheduleConfig config;
    private final RunFollower follower;
    private final CapacityGate gate;
    private final StuckRuns stuckRuns;
    /** Runs reported stuck last time: each is reported 0 once when it no longer is, so its alert resolves. */
    private final Set<List<String>> reported = new HashSet<>();

    public SchedulerSource(ScheduleConfig config, RunFollower follower, CapacityGate gate, StuckRuns stuckRuns) {
        this.config = config;
        this.follower = follower;
        this.gate = gate;
        this.stuckRuns = stuckRuns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public Multi<SourceUpdate> stream() {
        return Multi.createFrom().ticks().every(config.metricsInterval()).onOverflow().drop().map(tick -> reading(Instant.now()));
    }

    synchronized SourceUpdate reading(Instant now) {
        GateStatus status = gate.status();
        List<StuckRunDetector.StuckRun> stuck = stuckRuns.stuck();
        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.of("scheduler.executions.running", follower.runningExecutions().size(), now));
        samples.add(Sample.of("scheduler.executions.waiting", status.waiting(), now));
        Set<List<String>> current = new HashSet<>();
        for (StuckRunDetector.StuckRun r : stuck) {
            List<String> labels = List.of(r.runGuid(), String.valueOf(r.methodName()));
            current.add(labels);
            samples.add(sample(labels, r.blocking() ? 1 : 0, now));
        }
        reported.stream().filter(l -> !current.contains(l)).forEach(l -> samples.add(sample(l, 0, now)));
        reported.clear();
        reported.addAll(current);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("gate", status);
        snapshot.put("stuck_runs", stuck);
        return SourceUpdate.up(NAME, now, snapshot, samples, List.of());
    }

    private static Sample sample(List<String> labels, double value, Instant now) {
        return new Sample("scheduler.robot_run.stuck", Map.of("run_guid", labels.get(0), "method_name", labels.get(1)), value,
                now);
    }
}
