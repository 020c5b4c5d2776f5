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
    final AtomicInteger refreshes = new AtomicInteger();

    HeapHeadroomCheck check(int limit) {
        return new HeapHeadroomCheck(limit, percent::get, refreshes::incrementAndGet, Long.MAX_VALUE / 2, registry);
    }

    CheckResult perform(HeapHeadroomCheck check) {
        return check.perform(null).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void aDashboardIsTakenOnBelowTheLimitAndRefusedWithRetryAfterAtIt() {
        HeapHeadroomCheck check = check(85);
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

    /** The figure may be stale (no collection since the dashboards left): refusing asks for one, not on every refusal. */
    @Test
    void refusingAsksForACollectionAtMostOncePerPeriod() {
        HeapHeadroomCheck check = check(85);
        percent.set(90);
        perform(check);
        perform(check);
        perform(check);
        assertThat(refreshes).hasValue(1);
        percent.set(10);
        perform(check);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void theOldGenerationIsTheOldOrTenuredPoolWhereThereIsOne() {
        assertThat(HeapHeadroomCheck.oldGeneration()).get()
                .satisfies(pool -> assertThat(pool.getName()).satisfiesAnyOf(
                        n -> assertThat(n).containsIgnoringCase("old"), n -> assertThat(n).containsIgnoringCase("tenured")));
    }

    @Test
    void aLimitOf100NeverRefuses() {
        percent.set(100);
        assertThat(perform(check(100)).isUpgradePermitted()).isTrue();
    }

    @Test
    void aLimitOutsideOneToAHundredIsRefusedAtStart() {
        assertThatThrownBy(() -> check(0))
                .hasMessageContaining("vigil.ws.refuse-above-heap-percent");
        assertThatThrownBy(() -> check(101))
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
        assertThat(HeapHeadroomCheck.percentInUse(HeapHeadroomCheck.oldGeneration().get())).isBetween(0, 100);
        assertThat(live[63]).hasSize(64 * 1024);
    }
}
