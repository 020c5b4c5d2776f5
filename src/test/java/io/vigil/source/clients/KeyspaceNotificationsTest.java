package io.vigil.source.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vigil.testing.DirectRedis;
import io.vigil.testing.RedisServerProcess;

/**
 * The notification check against a Redis server of its own: turning notifications off and on is server-wide, and
 * must not disturb other test runs on the shared server.
 */
class KeyspaceNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static RedisServerProcess server;
    private DirectRedis admin;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start(RedisServerProcess.freePort());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        admin = new DirectRedis("redis://localhost:" + server.port());
        admin.setNotifyKeyspaceEvents("");
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void notificationsOffAndNotToBeEnabledMeanPollingAndTheServerIsLeftAlone() {
        admin.setNotifyKeyspaceEvents("E$");
        String before = admin.notifyKeyspaceEvents();
        ChangeDetection detection = check(admin, false);

        assertThat(detection.method()).isEqualTo(ChangeDetection.Method.POLLING);
        assertThat(detection.detail()).contains("keyspace notifications are off on the server")
                .contains("lacks K, g, h, s, l, x").contains("polling every 5s")
                .contains("vigil.clients.enable-notifications=true");
        assertThat(admin.notifyKeyspaceEvents()).isEqualTo(before);
    }

    @Test
    void enablingAddsTheNeededFlagsToThoseSet() {
        admin.setNotifyKeyspaceEvents("Ex");
        ChangeDetection detection = check(admin, true);

        assertThat(detection.method()).isEqualTo(ChangeDetection.Method.NOTIFICATIONS);
        assertThat(detection.enabledByVigil()).isTrue();
        String now = admin.notifyKeyspaceEvents();
        assertThat(KeyspaceEvents.sufficient(now)).as("server now has '%s'", now).isTrue();
        assertThat(now).contains("E");
        assertThat(detection.serverSetting()).isEqualTo(now);
    }

    @Test
    void notificationsAlreadyOnAreUsedAsTheyAre() {
        admin.setNotifyKeyspaceEvents("Kghslx");
        String before = admin.notifyKeyspaceEvents();
        ChangeDetection detection = check(admin, true);

        assertThat(detection.method()).isEqualTo(ChangeDetection.Method.NOTIFICATIONS);
        assertThat(detection.enabledByVigil()).isFalse();
        assertThat(detection.serverSetting()).isEqualTo(before);
        assertThat(admin.notifyKeyspaceEvents()).isEqualTo(before);
    }

    @Test
    void aServerThatRefusesConfigMeansPollingNotAnError() {
        admin.send("ACL", "SETUSER", "vigil-reader", "on", ">secret", "~*", "&*", "+@all", "-config");
        try (DirectRedis reader = new DirectRedis("redis://vigil-reader:secret@localhost:" + server.port())) {
            ChangeDetection detection = check(reader, true);
            assertThat(detection.method()).isEqualTo(ChangeDetection.Method.POLLING);
            assertThat(detection.serverSetting()).isNull();
            assertThat(detection.detail()).startsWith("cannot read notify-keyspace-events (NOPERM");
        } finally {
            admin.send("ACL", "DELUSER", "vigil-reader");
        }
    }

    @Test
    void aServerThatIsNotThereIsAnError() {
        try (DirectRedis nowhere = new DirectRedis("redis://localhost:" + RedisServerProcess.freePort())) {
            assertThatThrownBy(() -> check(nowhere, true)).hasMessageContaining("Connection refused");
        }
    }

    private static ChangeDetection check(DirectRedis redis, boolean enable) {
        return new KeyspaceNotifications(redis.dataSource(), enable, Duration.ofSeconds(5)).check().await().atMost(WAIT);
    }
}
