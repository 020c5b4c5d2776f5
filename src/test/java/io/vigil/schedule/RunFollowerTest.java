package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vigil.hub.HubMessage;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/**
 * Tying a launch to its HxRun run. Found by {@code SchedulerRestartIT}: a run-now in the first moments after Vigil was
 * ready launched a method whose run began before the experiments source's first poll, which announces no run (a
 * restart must not re-announce old ones), so the execution was never tied to its run.
 */
class RunFollowerTest {

    private static final Instant LAUNCH = Instant.parse("2026-12-02T11:00:00Z");

    // The store records a match on a worker thread; these tests look at the match itself.
    private final RunFollower follower = new RunFollower(null, null, config(), null);

    @Test
    void aRunFirstSeenInAPollIsTiedToTheLaunchItBelongsTo() {
        RunFollower.RunWatch launch = follower.follow(execution("Plate_Wash_96"), LAUNCH, Duration.ofMinutes(10));

        follower.onMessage(poll(run("R-OLD", "Plate_Wash_96", LAUNCH.minus(Duration.ofHours(1)), RunState.RUNNING),
                run("R-OTHER", "PCR_Setup", LAUNCH.plusSeconds(2), RunState.RUNNING),
                run("R-NEW", "Plate_Wash_96", LAUNCH.plusSeconds(3), RunState.RUNNING)));

        assertThat(launch.runGuid).isEqualTo("R-NEW");
    }

    @Test
    void aRunThatEndedOrIsTiedAlreadyIsNotTakenFromAPoll() {
        RunFollower.RunWatch first = follower.follow(execution("Plate_Wash_96"), LAUNCH, Duration.ofMinutes(10));
        follower.onMessage(poll(run("R-1", "Plate_Wash_96", LAUNCH.plusSeconds(1), RunState.RUNNING)));
        RunFollower.RunWatch second = follower.follow(execution("Plate_Wash_96"), LAUNCH.plusSeconds(5), Duration.ofMinutes(10));

        follower.onMessage(poll(run("R-1", "Plate_Wash_96", LAUNCH.plusSeconds(1), RunState.RUNNING),
                run("R-DONE", "Plate_Wash_96", LAUNCH.plusSeconds(6), RunState.COMPLETE)));

        assertThat(first.runGuid).isEqualTo("R-1");
        assertThat(second.runGuid).as("R-1 is the first launch's, R-DONE has ended").isNull();
    }

    private static ScheduleConfig config() {
        try {
            return configFromApplicationProperties();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ScheduleConfig configFromApplicationProperties() throws java.io.IOException {
        return new SmallRyeConfigBuilder().withMapping(ScheduleConfig.class).withValidateUnknown(false)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(RunFollowerTest.class.getResource("/application.properties"), 100))
                .build().getConfigMapping(ScheduleConfig.class);
    }

    private static JobExecution execution(String path) {
        return new JobExecution(java.util.UUID.randomUUID().toString(), "s1", "Plate wash", path, ExecutionStatus.RUNNING, 1,
                0, LAUNCH, null, null, null, "HxRun.exe " + path, null, null, LAUNCH, false);
    }

    private static HxRun run(String guid, String method, Instant start, RunState state) {
        return new HxRun(guid, method, start, state.terminal() ? start.plusSeconds(30) : null, state.name(), state);
    }

    private static HubMessage poll(HxRun... runs) {
        ExperimentsSnapshot snapshot = new ExperimentsSnapshot(true, null, List.of(runs), LAUNCH.plusSeconds(10));
        return new HubMessage.Update(SourceUpdate.up(ExperimentsSnapshot.SOURCE, LAUNCH.plusSeconds(10), snapshot,
                List.of(), List.of()));
    }
}
