package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck.CheckResult;

class HeapHeadroomCheckTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicInteger percent = new AtomicInteger();

    CheckResult perform(HeapHeadroomCheck check) {
        return check.perform(null).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void aDashboardIsTakenOnBelowTheLimitAndRefusedWithRetryAfterAtIt() {
        HeapHeadroomCheck check = new HeapHeadroomCheck(85, percent::get, registry);
        percent.set(84);
        assertThat(perform(check).isUpgradePermitted()).isTrue();

        percent.set(85);
        CheckResult refused = perform(check);
        assertThat(refused.isUpgradePermitted()).isFalse();
        assertThat(refused.getHttpResponseCode()).isEqualTo(503);
        assertThat(refused.getResponseHeaders()).containsEntry("Retry-After", List.of("30"));
        assertThat(registry.get("vigil.ws.upgrades.refused").counter().count()).isEqualTo(1.0);

        percent.set(40); // collected: room again
        assertThat(perform(check).isUpgradePermitted()).isTrue();
    }

    @Test
    void aLimitOf100NeverRefuses() {
        percent.set(100);
        assertThat(perform(new HeapHeadroomCheck(100, percent::get, registry)).isUpgradePermitted()).isTrue();
    }

    @Test
    void aLimitOutsideOneToAHundredIsRefusedAtStart() {
        assertThatThrownBy(() -> new HeapHeadroomCheck(0, percent::get, registry))
                .hasMessageContaining("vigil.ws.refuse-above-heap-percent");
        assertThatThrownBy(() -> new HeapHeadroomCheck(101, percent::get, registry))
                .hasMessageContaining("between 1 and 100");
    }

    /** The JVM running this test has an old generation, and a full collection gives it a figure. */
    @Test
    void theOldGenerationIsFoundAndReadAfterACollection() {
        assertThat(HeapHeadroomCheck.oldGeneration()).isPresent();
        byte[][] live = new byte[64][];
        for (int i = 0; i < live.length; i++) {
            live[i] = new byte[64 * 1024];
        }
        System.gc();
        assertThat(HeapHeadroomCheck.oldGeneration().get().getCollectionUsage().getUsed()).isPositive();
        assertThat(HeapHeadroomCheck.oldGenerationPercentInUse()).isBetween(0, 100);
        assertThat(live[63]).hasSize(64 * 1024);
    }
}
