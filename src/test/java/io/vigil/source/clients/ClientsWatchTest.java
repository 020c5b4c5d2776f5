package io.vigil.source.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vigil.hub.SourceUpdate;
import io.vigil.testing.DirectRedis;
import io.vigil.testing.RedisServerProcess;

/** One watch, without the app around it: how it fails when the server misbehaves. */
class ClientsWatchTest {

    @Test
    void aDroppedNotificationConnectionFailsTheStreamAtOnce() {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerProcess.freePort());
                DirectRedis redis = new DirectRedis("redis://localhost:" + server.port());
                DirectRedis admin = new DirectRedis("redis://localhost:" + server.port())) {
            AssertSubscriber<SourceUpdate> updates = new ClientsWatch(redis.dataSource(), config(Duration.ofSeconds(2)), 0,
                    "localhost:" + server.port() + "/0").updates().subscribe().withSubscriber(AssertSubscriber.create(10));
            updates.awaitItems(1, Duration.ofSeconds(5));

            // Only the notification connection goes; the pooled ones stay and would go on reading.
            admin.send("CLIENT", "KILL", "TYPE", "pubsub");

            updates.awaitFailure(Duration.ofSeconds(2));
            assertThat(updates.getFailure()).hasMessage(
                    "Redis at localhost:" + server.port() + "/0 closed the keyspace notification connection");
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheStreamWithinTheTimeout() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            accept.setDaemon(true);
            accept.start();
            try (DirectRedis redis = new DirectRedis("redis://localhost:" + silent.getLocalPort())) {
                AssertSubscriber<SourceUpdate> updates = new ClientsWatch(redis.dataSource(), config(Duration.ofMillis(500)),
                        0, "localhost:" + silent.getLocalPort() + "/0").updates().subscribe()
                        .withSubscriber(AssertSubscriber.create(10));

                updates.awaitFailure(Duration.ofSeconds(3));
                assertThat(updates.getFailure()).hasMessageContaining("cannot subscribe to keyspace notifications")
                        .hasMessageContaining("no answer within 500ms");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static ClientsConfig config(Duration timeout) {
        return new ClientsConfig() {

            public boolean enabled() {
                return true;
            }

            public boolean optional() {
                return true;
            }

            public Duration resync() {
                return Duration.ofMinutes(10);
            }

            public Duration pollInterval() {
                return Duration.ofSeconds(5);
            }

            public boolean enableNotifications() {
                return false;
            }

            public Duration timeout() {
                return timeout;
            }

            public int maxListedIds() {
                return 100;
            }

            public Set<String> activeStatuses() {
                return Set.of("active");
            }

            public Set<String> pausedStatuses() {
                return Set.of("paused");
            }

            public Keys keys() {
                return new Keys() {

                    public String status() {
                        return "Clients_status";
                    }

                    public String blocked() {
                        return "blocked_clients";
                    }

                    public String deactivated() {
                        return "deactivate_clients";
                    }
                };
            }
        };
    }
}
