package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The schema is brought current off the main thread: connections asked for meanwhile wait for it. */
class VigilDatabaseTest {

    private final VigilDatabase database = new VigilDatabase(null);

    @Test
    void aConnectionAskedForBeforeTheSchemaIsCurrentWaitsForIt() {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                database.awaitSchema(Duration.ofSeconds(30));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        assertThat(database.ready()).isFalse();

        database.markReady();

        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(waiting).isCompleted();
        assertThat(database.ready()).isTrue();
    }

    @Test
    void aWaitThatRunsOutSaysTheSchemaIsStillBeingMigrated() {
        assertThatThrownBy(() -> database.awaitSchema(Duration.ofMillis(50)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("still being brought to the current schema");
    }

    @Test
    void aFailedMigrationFailsTheWaitWithItsCause() {
        IllegalStateException failure = new IllegalStateException("Validate failed: migration checksum mismatch");
        database.markFailed(failure);

        assertThat(database.ready()).isFalse();
        assertThatThrownBy(() -> database.awaitSchema(Duration.ofSeconds(5)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("could not be brought to the current schema: Validate failed")
                .hasCause(failure);
    }
}
