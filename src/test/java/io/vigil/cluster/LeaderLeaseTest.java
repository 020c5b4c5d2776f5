package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.SharedServers;

/**
 * Two replicas contending for the scheduler lease on the real Redis: one holds it, the other waits; when the holder
 * stops renewing (it died) the other takes over within the ttl, and the old holder knows it lost it.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class LeaderLeaseTest {

    @Inject
    InjectableInstance<ReactiveRedisDataSource> redis;

    @Test
    void anotherReplicaTakesOverWhenTheHolderDies() {
        String key = "vigil:test:lease:" + System.nanoTime();
        Duration ttl = Duration.ofMillis(1500);
        LeaderLease first = new LeaderLease(true, key, ttl, "replica-1", redis);
        LeaderLease second = new LeaderLease(true, key, ttl, "replica-2", redis);

        assertThat(first.renew().await().atMost(Duration.ofSeconds(5))).isTrue();
        assertThat(second.renew().await().atMost(Duration.ofSeconds(5))).isFalse();
        // The holder renews; the other keeps asking and keeps being refused, longer than a ttl.
        Instant until = Instant.now().plus(ttl.multipliedBy(2));
        while (Instant.now().isBefore(until)) {
            assertThat(first.renew().await().atMost(Duration.ofSeconds(5))).isTrue();
            assertThat(second.renew().await().atMost(Duration.ofSeconds(5))).isFalse();
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        }

        // replica-1 dies: no more renewals. replica-2 gets the lease once the key expires, within the ttl.
        Instant died = Instant.now();
        await().atMost(ttl.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> second.renew().await().atMost(Duration.ofSeconds(5)));
        assertThat(Duration.between(died, Instant.now())).isLessThan(ttl.plusSeconds(1));
        assertThat(second.held()).isTrue();
        assertThat(first.held()).isFalse();
        assertThat(first.renew().await().atMost(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void withoutTheLeaseASingleInstanceRunsEverything() {
        assertThat(new LeaderLease(false, "unused", Duration.ofSeconds(1), "solo", redis).held()).isTrue();
    }
}
