package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The start-up shortcut: Flyway's history says the schema is current, or Flyway runs. */
class SchemaMigrationTest {

    private final JdbcDataSource database = new JdbcDataSource();

    SchemaMigrationTest() {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
    }

    @Test
    void theCurrentVersionIsTheNewestMigrationShipped() throws IOException {
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max()
                    .orElseThrow();
            assertThat(SchemaMigration.CURRENT_VERSION).isEqualTo(newest);
        }
    }

    @Test
    void anEmptyDatabaseIsNotCurrent() {
        assertThat(SchemaMigration.isCurrent(database)).isFalse();
    }

    @Test
    void aFullyMigratedDatabaseIsCurrent() {
        flyway().migrate();
        assertThat(SchemaMigration.isCurrent(database)).isTrue();
    }

    @Test
    void aDatabaseOneMigrationBehindIsNotCurrent() {
        flyway(String.valueOf(SchemaMigration.CURRENT_VERSION - 1)).migrate();
        assertThat(SchemaMigration.isCurrent(database)).isFalse();
    }

    @Test
    void aFailedMigrationOnRecordIsNotCurrent() throws SQLException {
        flyway().migrate();
        execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                + SchemaMigration.CURRENT_VERSION + "'");
        assertThat(SchemaMigration.isCurrent(database)).isFalse();
    }

    @Test
    void aNewerSchemaThanThisVersionKnowsIsLeftToFlyway() throws SQLException {
        flyway().migrate();
        execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '"
                + (SchemaMigration.CURRENT_VERSION + 1) + "', 'future', 'SQL', 'V99__future.sql', 'x', 1, TRUE)");
        assertThat(SchemaMigration.isCurrent(database)).isFalse();
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
