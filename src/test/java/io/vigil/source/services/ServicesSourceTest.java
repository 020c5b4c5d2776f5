package io.vigil.source.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.StreamEvent;
import io.vigil.hub.view.ServiceTarget;

/** The source's stream against real peers: checks run side by side, and a hanging peer holds up nobody else. */
class ServicesSourceTest {

    private PeerServers peers;
    private ExecutorService workers;
    private final AtomicReference<SourceUpdate> latest = new AtomicReference<>();
    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private Cancellable subscription;

    @BeforeEach
    void start() throws Exception {
        peers = new PeerServers(Path.of("target", "services-test"));
        workers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        peers.close();
        workers.shutdownNow();
    }

    private void run(List<ServiceTarget> targets, int maxConcurrent) {
        ServicesSource source = new ServicesSource(Targets.settings(Duration.ofMillis(50), maxConcurrent), () -> targets,
                Clock.systemUTC(), workers);
        subscription = source.stream().subscribe().with(update -> {
            latest.set(update);
            events.addAll(update.events());
        });
    }

    private ServicesSnapshot.Service service(String name) {
        SourceUpdate update = latest.get();
        return update == null
                ? null
                : ((ServicesSnapshot) update.snapshot()).services().stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElse(null);
    }

    @Test
    void aHangingPeerNeverDelaysTheOthers() {
        Duration interval = Duration.ofMillis(100);
        run(List.of(Targets.http("hanging", "http://localhost:" + peers.hanging + "/", interval, Duration.ofSeconds(4)),
                Targets.http("ok", "http://localhost:" + peers.ok + "/", interval, Duration.ofSeconds(1))), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.okRequests.get() >= 8);
        ServicesSnapshot.Service hanging = service("hanging");
        assertThat(hanging.checking()).as("the first check of the hanging peer is still waiting").isTrue();
        assertThat(hanging.lastCheck()).isNull();
        assertThat(service("ok").state()).isEqualTo("UP");
        assertThat(service("ok").p95Seconds()).isPositive();
    }

    @Test
    void failingPeersGoDownAfterThreeChecksAndSayWhy() {
        Duration interval = Duration.ofMillis(100);
        run(List.of(Targets.http("error", "http://localhost:" + peers.error + "/", interval, Duration.ofSeconds(1)),
                Targets.http("closing", "http://localhost:" + peers.closing + "/", interval, Duration.ofSeconds(1)),
                Targets.http("ok", "http://localhost:" + peers.ok + "/", interval, Duration.ofSeconds(1))), 4);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().filter(e -> "DOWN".equals(e.attributes().get("state"))).count() == 2);
        assertThat(events).filteredOn(e -> "DOWN".equals(e.attributes().get("state")))
                .allSatisfy(e -> {
                    assertThat(e.type()).isEqualTo("STATUS_CHANGE");
                    assertThat(e.attributes()).containsEntry("previous_state", "UNKNOWN").containsEntry("consecutive_failures",
                            3);
                })
                .extracting(e -> e.attributes().get("service")).containsExactlyInAnyOrder("error", "closing");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> service("error").state().equals("DOWN") && service("ok").state().equals("UP"));
        assertThat(service("error").lastError()).isEqualTo("status 500, expected 200-299");
        assertThat(service("error").errorRatio()).isEqualTo(1.0);
        assertThat(service("closing").lastError()).startsWith("request failed");
        assertThat(latest.get().samples()).anySatisfy(s -> {
            assertThat(s.series()).isEqualTo("services.up");
            assertThat(s.labels()).containsEntry("service", "error");
            assertThat(s.value()).isZero();
        });
    }

    @Test
    void withoutTargetsTheSourceSaysItIsNotConfigured() {
        run(List.of(), 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> latest.get() != null);
        assertThat(latest.get().status()).isEqualTo(SourceStatus.NOT_CONFIGURED);
        assertThat(latest.get().detail()).contains("vigil.services");
    }
}
