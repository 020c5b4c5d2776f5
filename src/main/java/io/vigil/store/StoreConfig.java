package io.vigil.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Vigil keeps its own data. */
@ConfigMapping(prefix = "vigil.store")
public interface StoreConfig {

    /** The Quarkus datasource holding Vigil's data: {@code <default>} (H2 file) or {@code vigilmssql} (SQL Server). */
    String datasource();

    /**
     * How often Vigil rewrites its heartbeat row to learn whether the database can be written (readiness); also the
     * Retry-After of a write refused because it cannot.
     */
    @WithDefault("10s")
    Duration probeInterval();
}
