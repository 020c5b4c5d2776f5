package io.vigil.source.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failed polls mean "no lab database configured" rather than an outage. */
class EmptyEmbeddedDatabaseTest {

    private static final String EMBEDDED = "jdbc:h2:mem:HamiltonVectorDB;MODE=MSSQLServer";

    @Test
    void theEmbeddedDatabaseWithoutTheHxRunTableIsNotConfigured() {
        assertThat(ExperimentsSource.isEmptyEmbedded(EMBEDDED, new SQLException("Schema \"dbo\" not found", "90079"))).isTrue();
        assertThat(ExperimentsSource.isEmptyEmbedded(EMBEDDED, new SQLException("Table \"HxRun\" not found", "42S02"))).isTrue();
        assertThat(ExperimentsSource.isEmptyEmbedded(EMBEDDED, new SQLException("database is empty", "42S04"))).isTrue();
    }

    @Test
    void aDatabaseSomeoneConfiguredIsAnOutageWhateverTheError() {
        SQLException missingTable = new SQLException("Table \"HxRun\" not found", "42S02");
        assertThat(ExperimentsSource.isEmptyEmbedded("jdbc:h2:tcp://localhost:9092/mem:hx", missingTable)).isFalse();
        assertThat(ExperimentsSource.isEmptyEmbedded("jdbc:sqlserver://labpc:1433;databaseName=HamiltonVectorDB", missingTable))
                .isFalse();
        assertThat(ExperimentsSource.isEmptyEmbedded(null, missingTable)).isFalse();
    }

    @Test
    void otherFailuresOfTheEmbeddedDatabaseAreOutages() {
        assertThat(ExperimentsSource.isEmptyEmbedded(EMBEDDED, new SQLException("Connection is broken", "08006"))).isFalse();
        assertThat(ExperimentsSource.isEmptyEmbedded(EMBEDDED, new SQLException("Syntax error", "42001"))).isFalse();
    }
}
