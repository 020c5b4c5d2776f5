package io.vigil.hub.persist;

import static io.vigil.hub.persist.TestHistory.CPU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.hub.HistoryStore;
import io.vigil.testing.DirectRedis;

/** Against the real Redis on localhost:6379: replicas share one snapshot key, and a new replica starts with charts. */
class RedisHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** A database no other test uses, and a key of this run's own. */
    private static final String URI = "redis://localhost:6379/11";

    private final String key = "vigil-test:history:" + UUID.randomUUID();
    private DirectRedis redis;

    @BeforeEach
    void connect() {
        redis = new DirectRedis(URI);
    }

    @AfterEach
    void cleanUp() {
        redis.del(key);
        redis.close();
    }

    private HistoryPersistence replica(HistoryStore store, Instant now) {
        return new HistoryPersistence(new RedisTarget(redis::dataSource, key, TestHistory.RETENTION, Duration.ofSeconds(5)),
                store, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aNewReplicaStartsWithTheChartsTheOthersWrote() {
        Instant now = T0.plus(Duration.ofMinutes(20));
        HistoryStore running = TestHistory.store();
        TestHistory.fill(running, T0, now);
        assertThat(replica(running, now).save()).isTrue();

        long ttl = redis.send("PTTL", key).toLong();
        assertThat(ttl).isBetween(TestHistory.RETENTION.toMillis() - 60_000, TestHistory.RETENTION.toMillis());

        HistoryStore joining = TestHistory.store();
        Instant joined = now.plusSeconds(3);
        assertThat(replica(joining, joined).load()).isEqualTo(2);
        assertThat(TestHistory.raw(joining, CPU, joined)).isEqualTo(TestHistory.raw(running, CPU, joined)).hasSize(597);
        assertThat(TestHistory.rollup(joining, CPU, joined)).isEqualTo(TestHistory.rollup(running, CPU, joined))
                .hasSize(20);
    }

    @Test
    void withoutASnapshotAReplicaStartsEmptyAndAForeignValueIsSkipped() {
        HistoryStore store = TestHistory.store();
        assertThat(replica(store, T0).load()).isZero();

        redis.send("SET", key, "not a snapshot");
        HistoryPersistence replica = replica(store, T0);
        assertThat(replica.load()).isZero();
        assertThat(replica.enabled()).isTrue();
        assertThat(store.find(CPU)).isEmpty();
    }
}
