package io.vigil.source.experiments;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.MetricSource;
import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.StreamEvent;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HxRun;
import io.vigil.hub.view.RunState;

/**
 * Polls HxRun on its own read-only datasource every {@code vigil.experiments.interval}, on a worker thread. A failed
 * poll fails the stream: the hub marks the source DOWN and subscribes again with back-off. The one exception is the
 * embedded in-memory database without an HxRun table: only Vigil's own demo could have written it, so nobody has
 * given Vigil a lab database yet, and the source says NOT_CONFIGURED instead of raising an outage.
 */
@ApplicationScoped
public class ExperimentsSource implements MetricSource {

    static final String SOURCE = ExperimentsSnapshot.SOURCE;
    static final String NOT_CONFIGURED = "no HxRun database configured: point the hxrunmssql datasource at the lab's "
            + "VENUS server and set vigil.experiments.datasource=hxrunmssql (README, 'In the lab'), or run with --demo";
    /** SQL states of a missing schema or table (H2: 90079 schema, 42S02/42S04 table; SQL Server: 42S02). */
    private static final Set<String> MISSING_TABLE = Set.of("90079", "42S02", "42S04");

    private final ExperimentsConfig config;
    private final Instance<AgroalDataSource> dataSources;
    private final RunTracker tracker = new RunTracker();
    private volatile HxRunReader reader;

    public ExperimentsSource(ExperimentsConfig config, @Any Instance<AgroalDataSource> dataSources) {
        this.config = config;
        this.dataSources = dataSources;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return config.optional();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(config.interval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(this::poll)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private SourceUpdate poll() {
        HxRunReader current = reader();
        List<HxRun> runs;
        try {
            runs = current.latest();
        } catch (SQLException e) {
            if (isEmptyEmbedded(jdbcUrl(), e)) {
                Instant now = Instant.now();
                return SourceUpdate.notConfigured(SOURCE, now, new ExperimentsSnapshot(false, null, List.of(), now),
                        NOT_CONFIGURED);
            }
            // Drop pooled connections to a server that went away, so the next attempt connects afresh.
            dataSource().flush(AgroalDataSource.FlushMode.ALL);
            throw new IllegalStateException("HxRun poll failed: " + e.getMessage(), e);
        }
        Instant now = Instant.now();
        List<RunTransition> transitions = tracker.observe(runs, now);
        ExperimentsSnapshot snapshot = snapshot(runs, now);
        return SourceUpdate.up(SOURCE, now, snapshot, samples(snapshot, now), events(transitions, now));
    }

    static ExperimentsSnapshot snapshot(List<HxRun> runs, Instant now) {
        ExperimentsSnapshot.CurrentRun current = runs.stream()
                .filter(r -> r.state().busy())
                .findFirst()
                .map(r -> new ExperimentsSnapshot.CurrentRun(r.runGuid(), r.methodName(), r.state(), r.startTime(),
                        r.startTime() == null ? 0 : Math.max(0, Duration.between(r.startTime(), now).toSeconds())))
                .orElse(null);
        return new ExperimentsSnapshot(current != null, current, runs, now);
    }

    static List<Sample> samples(ExperimentsSnapshot snapshot, Instant ts) {
        List<Sample> out = new ArrayList<>();
        out.add(Sample.of("experiments.robot.busy", snapshot.robotBusy() ? 1 : 0, ts));
        out.add(Sample.of("experiments.current.elapsed_seconds",
                snapshot.currentRun() == null ? 0 : snapshot.currentRun().elapsedSeconds(), ts));
        Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            counts.put(state, 0);
        }
        snapshot.recentRuns().forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        counts.forEach((state, n) -> out.add(Sample.of("experiments.recent_runs", "state", state.name().toLowerCase(), n, ts)));
        return out;
    }

    static List<StreamEvent> events(List<RunTransition> transitions, Instant now) {
        List<StreamEvent> out = new ArrayList<>();
        for (RunTransition t : transitions) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("run_guid", t.run().runGuid());
            attributes.put("method_name", t.run().methodName());
            attributes.put("state", t.run().state().name());
            attributes.put("raw_state", t.run().rawState());
            attributes.put("previous_state", t.previousState() == null ? null : t.previousState().name());
            attributes.put("is_newly_completed", t.isNewlyCompleted());
            attributes.put("state_change_time", t.stateChangeTime());
            attributes.put("start_time", t.run().startTime());
            attributes.put("end_time", t.run().endTime());
            out.add(new StreamEvent(SOURCE, t.event(), attributes, now));
        }
        return out;
    }

    /**
     * Whether a failed poll means "nobody configured a lab database": the database is Vigil's embedded in-memory one
     * (which no other process can reach) and it has no HxRun table. Any other failure is an outage.
     */
    static boolean isEmptyEmbedded(String jdbcUrl, SQLException failure) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:mem:") && MISSING_TABLE.contains(failure.getSQLState());
    }

    private String jdbcUrl() {
        try {
            return dataSource().getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private HxRunReader reader() {
        HxRunReader r = reader;
        if (r == null) {
            ZoneId zone = config.timeZone().map(ZoneId::of).orElse(ZoneId.systemDefault());
            r = new HxRunReader(dataSource(), config.table(), config.recentRuns(), zone, new RunStateMap(config.stateMap()));
            reader = r;
        }
        return r;
    }

    private AgroalDataSource dataSource() {
        return dataSources.select(new DataSource.DataSourceLiteral(config.datasource())).get();
    }
}
