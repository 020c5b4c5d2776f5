package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;

class StoreWriteFailureTest {

    @Test
    void h2SqlServerAndStandardReadOnlyErrorsAreFoundUnderTheStoresWrapping() {
        SQLException h2 = new SQLException(
                "The database is read only; SQL statement:\nINSERT INTO contact VALUES (?) [90097-240]",
                "90097", 90097);
        assertThat(StoreWriteFailure.reason(new IllegalStateException("cannot store the contact: " + h2.getMessage(), h2)))
                .contains("the database is read only");
        assertThat(StoreWriteFailure.reason(new SQLException("Failed to update database \"vigil\" because the database is"
                + " read-only.", "S0001", 3906))).contains("the database is read only");
        assertThat(StoreWriteFailure.reason(new RuntimeException(new SQLException("cannot execute INSERT", "25006"))))
                .contains("the database is read only");
    }

    @Test
    void otherFailuresAreNotReadOnly() {
        assertThat(StoreWriteFailure.reason(new IllegalStateException("cannot store", new SQLException("Unique index or"
                + " primary key violation", "23505", 23505)))).isEmpty();
        assertThat(StoreWriteFailure.reason(new IllegalArgumentException("read only in prose, but no SQL"))).isEmpty();
        assertThat(StoreWriteFailure.reason(new SQLNonTransientConnectionException("Connection is broken", "08006")))
                .isEmpty();
    }

    @Test
    void aFailureIsDescribedInALineWithoutItsStatement() {
        SQLException io = new SQLException("IO Exception: \"disk full\"; SQL statement:\nUPDATE store_heartbeat SET beat_at = ?"
                + " [90028-240]", "90028", 90028);
        assertThat(StoreWriteFailure.describe(new IllegalStateException("wrapped", io))).isEqualTo("IO Exception: \"disk full\"");
    }
}
