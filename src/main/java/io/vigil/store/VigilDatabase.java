package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

/**
 * Vigil's own database (the one Flyway migrates), chosen by {@code vigil.store.datasource}. Blocking JDBC: callers
 * run on worker threads.
 * <p>
 * The schema is brought up to date off Quarkus' main thread while the HTTP server starts, so a connection asked for
 * before that is done waits for it (a request that comes in the first moments, a timer) rather than finding tables
 * missing.
 */
@ApplicationScoped
public class VigilDatabase {

    /** How long a connection waits for the schema; a migration on a large SQL Server database can take minutes. */
    static final Duration SCHEMA_WAIT = Duration.ofMinutes(2);

    private final AgroalDataSource dataSource;
    private final CompletableFuture<Void> schema = new CompletableFuture<>();
    /** The thread bringing the schema current and doing what must follow before anyone else may use it. */
    private volatile Thread preparing;

    @Inject
    public VigilDatabase(StoreConfig config, @Any Instance<AgroalDataSource> dataSources) {
        this(DataSourceUtil.isDefault(config.datasource())
                ? dataSources.select(jakarta.enterprise.inject.Default.Literal.INSTANCE).get()
                : dataSources.select(new DataSource.DataSourceLiteral(config.datasource())).get());
    }

    VigilDatabase(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the schema is migrated: timers that fire during start-up skip their turn until it is. */
    public boolean ready() {
        return schema.isDone() && !schema.isCompletedExceptionally();
    }

    /** Called by the thread that brings the schema current: its own connections do not wait. */
    void preparing() {
        preparing = Thread.currentThread();
    }

    void markReady() {
        preparing = null;
        schema.complete(null);
    }

    void markFailed(Throwable failure) {
        preparing = null;
        schema.completeExceptionally(failure);
    }

    /** For the migration itself and for readers that only need the driver (Flyway): no wait for the schema. */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** A pooled connection, once the schema is current and set up (waiting for that during start-up). */
    public Connection connect() throws SQLException {
        if (Thread.currentThread() != preparing) {
            awaitSchema(SCHEMA_WAIT);
        }
        return dataSource.getConnection();
    }

    void awaitSchema(Duration wait) throws SQLException {
        if (ready()) {
            return;
        }
        try {
            schema.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SQLException("Vigil's database is still being brought to the current schema (waited "
                    + wait.toSeconds() + " s)", "08001", e);
        } catch (ExecutionException e) {
            throw new SQLException("Vigil's database could not be brought to the current schema: "
                    + e.getCause().getMessage(), "08001", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for Vigil's database schema", "08001", e);
        }
    }
}
