package io.vigil.store;

import io.smallrye.config.ConfigMapping;

/** Where Vigil keeps its own data. */
@ConfigMapping(prefix = "vigil.store")
public interface StoreConfig {

    /** The Quarkus datasource holding Vigil's data: {@code <default>} (H2 file) or {@code vigilmssql} (SQL Server). */
    String datasource();
}
