package io.vigil.hub;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How much history the hub keeps per series. */
@ConfigMapping(prefix = "vigil.history")
public interface HistoryConfig {

    /** Raw history kept per series, at collection resolution. */
    Duration window();

    /** The finest time step kept: samples closer together than this replace each other. */
    Duration resolution();

    /** Width of a roll-up bucket. */
    @WithName("rollup.bucket")
    Duration rollupBucket();

    /** How far back the roll-up reaches. */
    @WithName("rollup.retention")
    Duration rollupRetention();

    /** Most series kept; samples of further series are counted and not kept, so memory stays bounded. */
    int maxSeries();

    /** Most series one source may hold, so a source that invents series (a label per gateway) cannot crowd out others. */
    @WithDefault("500")
    int maxSeriesPerSource();
}
