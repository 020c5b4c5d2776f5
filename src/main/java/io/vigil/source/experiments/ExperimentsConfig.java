package io.vigil.source.experiments;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The experiments source: Hamilton VENUS runs read from the HxRun table. */
@ConfigMapping(prefix = "vigil.experiments")
public interface ExperimentsConfig {

    /** Whether HxRun is polled at all. */
    boolean enabled();

    /** An optional source being down does not make Vigil unready. */
    boolean optional();

    /** Time between two polls. */
    Duration interval();

    /** How many of the latest runs each poll reads, so a run that starts and ends between two polls is seen. */
    int recentRuns();

    /** The Quarkus datasource to read: {@code hxrun} (H2, embedded) or {@code hxrunmssql} (SQL Server in the lab). */
    String datasource();

    /** The run table, as written in SQL. */
    String table();

    /** Time zone of StartTime and EndTime, which VENUS writes in the lab PC's local time. */
    Optional<String> timeZone();

    /** RunState values (codes or names, case-insensitive) to states: Running, Paused, Complete, Aborted, Error. */
    Map<String, String> stateMap();
}
