package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.lifecycle.StartInBackground;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Brings Vigil's database to the current schema before anything reads it. The same migrations run on H2 (in SQL
 * Server mode) and on SQL Server, so they stick to what both understand.
 * <p>
 * Most starts find the schema current already: one query on Flyway's history table says so, and Flyway's full
 * validation (checksums of every migration, a second or so of start-up) runs after Vigil is up instead of before.
 * A schema that cannot be brought current stops Vigil.
 */
@ApplicationScoped
public class SchemaMigration {

    /** The newest migration in {@code db/migration}; {@code SchemaMigrationTest} keeps the two in step. */
    static final int CURRENT_VERSION = 6;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final VigilDatabase database;
    private final StartInBackground start;
    private final Event<SchemaReady> schemaReady;
    /** Set when the schema was found current: Flyway's full validation is still owed, once Vigil is up. */
    private volatile boolean validationOwed;

    public SchemaMigration(VigilDatabase database, StartInBackground start, Event<SchemaReady> schemaReady) {
        this.database = database;
        this.start = start;
        this.schemaReady = schemaReady;
    }

    /**
     * First of the start-up observers that touch the database. The first connection (H2 opening its file, the pool's
     * wrappers) is a tenth of a second or more, so it runs beside the rest of Quarkus' start when Vigil starts in the
     * background; anything that needs the tables before Vigil is ready observes {@link SchemaReady}.
     */
    void migrate(@Observes @Priority(500) StartupEvent event) {
        start.beforeReady(this::bringCurrent);
    }

    void bringCurrent() {
        database.preparing();
        try {
            if (isCurrent(database.dataSource())) {
                validationOwed = true;
                LOG.infof("Vigil's database is at schema version %d", CURRENT_VERSION);
            } else {
                MigrateResult result = flyway().migrate();
                LOG.infof("Vigil's database is at schema version %s (%d migrations applied now)",
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            // Before anyone else may connect: a request that waited for the schema finds the first admin token.
            schemaReady.fire(new SchemaReady());
        } catch (RuntimeException e) {
            database.markFailed(e);
            throw e;
        }
        database.markReady();
    }

    /** Flyway's full validation (checksums of every migration, a second or so of CPU) waits until Vigil is up. */
    void validateOnceStarted(@Observes Started started) {
        if (validationOwed) {
            validationOwed = false;
            Infrastructure.getDefaultWorkerPool().execute(this::validate);
        }
    }

    private void validate() {
        try {
            ValidateResult result = flyway().validateWithResult();
            if (!result.validationSuccessful) {
                LOG.errorf("Vigil's database schema does not match this version's migrations: %s",
                        LogSafe.escape(result.getAllErrorMessages()));
            }
        } catch (RuntimeException e) {
            if (start.stopping()) {
                // Stopped right after it started: the datasource is gone, which says nothing about the schema.
                LOG.debugf("Vigil's database schema was not validated: Vigil stopped first");
            } else {
                LOG.errorf("Could not validate Vigil's database schema: %s", LogSafe.escape(e.getMessage()));
            }
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load();
    }

    /**
     * Whether every migration up to {@link #CURRENT_VERSION} is on record as applied and none failed. Anything else
     * (no history table, an older or a newer schema, a failed migration) leaves it to Flyway.
     */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            int newest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return false;
                }
                if (version != null) {
                    newest = Math.max(newest, Integer.parseInt(version.trim()));
                }
            }
            return newest == CURRENT_VERSION;
        } catch (SQLException | NumberFormatException e) {
            return false;
        }
    }
}
