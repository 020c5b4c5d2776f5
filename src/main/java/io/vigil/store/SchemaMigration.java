package io.vigil.store;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Brings Vigil's database to the current schema before anything reads it. The same migrations run on H2 (in SQL
 * Server mode) and on SQL Server, so they stick to what both understand.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final VigilDatabase database;

    public SchemaMigration(VigilDatabase database) {
        this.database = database;
    }

    void migrate(@Observes @Priority(500) StartupEvent event) {
        MigrateResult result = Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        database.markReady();
        LOG.infof("Vigil's database is at schema version %s (%d migrations applied now)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
