package io.vigil.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.StreamEvent;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Follows the robot's runs on the hub and tells those that look stuck ({@link StuckRunDetector}); an operator may
 * mark one as not blocking, and the capacity gate then looks past it until it ends. The scheduler's source publishes
 * them as {@code scheduler.robot_run.stuck}, which the default rule RobotRunStuck alerts on.
 */
@ApplicationScoped
public class StuckRuns {

    private static final Logger LOG = Logger.getLogger(StuckRuns.class);

    private final MetricsHub hub;
    private final CapacityGate gate;
    private final RunFollower follower;
    private final StuckRunDetector detector;

    public StuckRuns(MetricsHub hub, CapacityGate gate, RunFollower follower, ScheduleConfig config) {
        this.hub = hub;
        this.gate = gate;
        this.follower = follower;
        this.detector = new StuckRunDetector(config.stuckFactor(), config.stuckMaximum());
    }

    void start(@Observes Started event) {
        hub.messages().subscribe().with(this::onMessage, f -> LOG.error("Stuck-run detection stopped", LogSafe.escape(f)));
    }

    private void onMessage(HubMessage message) {
        if (message instanceof HubMessage.Update u && CapacityGate.EXPERIMENTS.equals(u.update().source())
                && u.update().snapshot() instanceof ExperimentsSnapshot s) {
            List<StuckRunDetector.StuckRun> before = detector.stuck();
            List<StuckRunDetector.StuckRun> now = detector.observe(s.recentRuns(), Instant.now(),
                    follower::expectedDurationOfRun);
            now.stream().filter(r -> before.stream().noneMatch(b -> b.runGuid().equals(r.runGuid())))
                    .forEach(r -> LOG.warnf("HxRun run %s (%s) has been %s since %s with no change (limit: %s): it looks stuck",
                            r.runGuid(), LogSafe.escape(r.methodName()), r.state(), r.since(), r.limitFrom()));
            gate.lookPast(detector.released());
        }
    }

    public List<StuckRunDetector.StuckRun> stuck() {
        return detector.stuck();
    }

    /** Marks a stuck run as not blocking the gate, until it ends; empty when the run is not stuck. */
    public Optional<StuckRunDetector.StuckRun> release(String runGuid, String by, String note) {
        Optional<StuckRunDetector.StuckRun> run = detector.release(runGuid, by, note, Instant.now());
        run.ifPresent(r -> {
            gate.lookPast(detector.released());
            LOG.warnf("HxRun run %s (%s) marked as not blocking by %s: %s", r.runGuid(), LogSafe.escape(r.methodName()),
                    LogSafe.escape(by), LogSafe.escape(note));
            hub.publish(new StreamEvent(ExperimentScheduler.TOPIC, "ROBOT_RUN_RELEASED", Map.of("run_guid", r.runGuid(),
                    "method_name", String.valueOf(r.methodName()), "by", by, "note", note == null ? "" : note), Instant.now()));
        });
        return run;
    }
}
