package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

/**
 * Vigil's own database (the one Flyway migrates), chosen by {@code vigil.store.datasource}. Blocking JDBC: callers
 * run on worker threads.
 */
@ApplicationScoped
public class VigilDatabase {

    private final AgroalDataSource dataSource;
    private volatile boolean ready;

    public VigilDatabase(StoreConfig config, @Any Instance<AgroalDataSource> dataSources) {
        this.dataSource = DataSourceUtil.isDefault(config.datasource())
                ? dataSources.select(jakarta.enterprise.inject.Default.Literal.INSTANCE).get()
                : dataSources.select(new DataSource.DataSourceLiteral(config.datasource())).get();
    }

    /** Whether the schema is migrated: timers that fire during start-up wait for it. */
    public boolean ready() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }
}
