package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.hub.MetricsHub;
import io.vigil.source.clients.ClientStateSnapshot;
import io.vigil.testing.DirectRedis;
import io.vigil.testing.RedisBehindProxy;
import io.vigil.testing.SharedServers;

/** The demo's pretend production app writes client states that the clients source reads like any others. */
@QuarkusTest
@TestProfile(SharedServers.class)
class ClientSimulatorTest {

    private static final Duration TICK = Duration.ofSeconds(5);

    @Inject
    ClientSimulator simulator;

    @Inject
    MetricsHub hub;

    private final RedisBehindProxy.ClientKeys keys = RedisBehindProxy.keys();
    private DirectRedis redis;

    @BeforeEach
    void noClients() {
        redis = RedisBehindProxy.direct();
        redis.del(keys.all());
    }

    @AfterEach
    void cleanUp() {
        RedisBehindProxy.proxy().restore();
        redis.del(keys.all());
        redis.close();
    }

    @Test
    void theFirstTickMakesEveryClientActiveAndEachLaterOneChangesOne() {
        simulator.tick().await().atMost(TICK);
        int clients = ClientSimulator.CLIENTS.size();
        ClientStateSnapshot seeded = awaitSnapshot(s -> s.active().count() == clients);
        assertThat(seeded.paused().count() + seeded.blocked().count() + seeded.deactivated().count()).isZero();

        simulator.tick().await().atMost(TICK);
        ClientStateSnapshot changed = awaitSnapshot(s -> s.paused().count() + s.blocked().count() + s.deactivated().count() == 1);
        assertThat(changed.total()).isEqualTo(clients);
        assertThat(redis.send("HLEN", keys.status()).toInteger()).isEqualTo(clients);
    }

    @Test
    void withoutRedisItLogsOnceAndWritesAgainWhenRedisIsBack() {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {

            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ClientSimulator.class.getName());
        logger.addHandler(handler);
        try {
            RedisBehindProxy.proxy().cut();
            simulator.tick().await().atMost(TICK);
            simulator.tick().await().atMost(TICK);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getMessage()).contains("cannot write to Redis");
            assertThat(redis.send("EXISTS", keys.status()).toInteger()).isZero();

            RedisBehindProxy.proxy().restore();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                simulator.tick().await().atMost(TICK);
                return redis.send("HLEN", keys.status()).toInteger() == ClientSimulator.CLIENTS.size();
            });
            assertThat(warnings).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }

    private ClientStateSnapshot awaitSnapshot(java.util.function.Predicate<ClientStateSnapshot> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> hub.latest("clients").map(u -> (ClientStateSnapshot) u.snapshot()).orElse(null),
                s -> s != null && condition.test(s));
    }
}
