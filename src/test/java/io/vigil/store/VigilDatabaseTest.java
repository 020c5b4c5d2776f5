package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;

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
    void theThreadPreparingTheSchemaConnectsWithoutWaitingForItself() throws Exception {
        try (AgroalDataSource h2 = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(2)
                        .connectionFactoryConfiguration(c -> c.jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID()))))) {
            VigilDatabase store = new VigilDatabase(h2);
            CompletableFuture<Boolean> preparing = CompletableFuture.supplyAsync(() -> {
                store.preparing();
                try (Connection c = store.connect()) {
                    return c.isValid(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(preparing.get(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> store.awaitSchema(Duration.ofMillis(50))).as("everyone else still waits")
                    .isInstanceOf(SQLException.class);
        }
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
