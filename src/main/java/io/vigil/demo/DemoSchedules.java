package io.vigil.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;
import io.vigil.schedule.ExperimentScheduler;
import io.vigil.schedule.RetryPolicy;
import io.vigil.schedule.Schedule;
import io.vigil.schedule.ScheduleStore;
import io.vigil.schedule.ScheduleType;
import io.vigil.store.VigilDatabase;

/**
 * In demo mode, a couple of schedules whose command is {@link RobotRun}: a separate process that writes HxRun rows
 * as the robot would, into the embedded database ({@link RobotDatabaseServer} opens it to that process alone). The
 * command names the file with the robot's login, never the login itself. With the lab simulator's own
 * runs also keeping the robot busy, the capacity gate can be watched closing and opening. Each retries a failed
 * execution twice, half a minute apart: the robot fails a launched method's load check now and then
 * ({@link LabSimulator}), so that shows too.
 */
@ApplicationScoped
public class DemoSchedules {

    private static final Logger LOG = Logger.getLogger(DemoSchedules.class);
    private static final String EMBEDDED = "jdbc:h2:mem:";
    /** What a lab would set: a failed load check is usually fixed at the deck within a minute. */
    static final RetryPolicy RETRY = new RetryPolicy(2, Duration.ofSeconds(30), "fixed");

    private final DemoConfig config;
    private final ScheduleStore schedules;
    private final ExperimentScheduler scheduler;
    private final VigilDatabase database;
    private final RobotDatabaseServer robotDatabase;

    public DemoSchedules(DemoConfig config, ScheduleStore schedules, ExperimentScheduler scheduler, VigilDatabase database,
            RobotDatabaseServer robotDatabase) {
        this.config = config;
        this.schedules = schedules;
        this.scheduler = scheduler;
        this.database = database;
        this.robotDatabase = robotDatabase;
    }

    void start(@Observes Started event) {
        if (!config.enabled() || !database.ready()) {
            return;
        }
        if (!config.hxrunUrl().startsWith(EMBEDDED)) {
            LOG.info("Demo schedules need the embedded HxRun database; none created");
            return;
        }
        try {
            Path login = robotDatabase.open();
            String javaBinary = ProcessHandle.current().info().command().orElse("java");
            String classpath = location(RobotRun.class) + java.io.File.pathSeparator + location(org.h2.Driver.class);
            scheduler.overrideCommand(
                    "\"" + javaBinary + "\" -cp \"" + classpath + "\" " + RobotRun.class.getName() + " \"" + login
                            + "\" {path} 25");
            create("Demo: plate wash", "Plate_Wash_96", 0.05, null);
            create("Demo: PCR setup", "PCR_Setup_384", 0.1, Duration.ofSeconds(20));
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warnf("Demo schedules not created: %s", LogSafe.escape(e.getMessage()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        robotDatabase.close();
    }

    private void create(String name, String method, double everyHours, Duration expected) {
        if (schedules.all().stream().anyMatch(s -> s.name().equals(name))) {
            return;
        }
        Instant now = Instant.now();
        schedules.insert(new Schedule(UUID.randomUUID().toString(), name, method, ScheduleType.INTERVAL, everyHours, null,
                now.plusSeconds(20), RETRY, expected, true, false, now.plusSeconds(20), null, 0, null, 1, now, now));
        LOG.infof("Demo schedule '%s' runs %s every %.0f minutes", name, method, everyHours * 60);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
