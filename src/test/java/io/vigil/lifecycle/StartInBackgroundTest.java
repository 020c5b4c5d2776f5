package io.vigil.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

class StartInBackgroundTest {

    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    /** Seen in the benchmark's logs: a Vigil stopped right after it was ready logged an error and exited with 1. */
    @Test
    void aFailedStartStopsVigil() {
        StartInBackground start = new StartInBackground(null, () -> true, worker);

        assertThat(start.failureStops(new IllegalStateException("the rules file does not parse"))).isTrue();
    }

    @Test
    void aStartCutShortByAStopIsNoFailure() {
        StartInBackground start = new StartInBackground(null, () -> true, worker);
        start.stopping(new ShutdownEvent());

        assertThat(start.failureStops(new NullPointerException("context propagation is gone"))).isFalse();
    }

    /** Found by HistoryRestartIT: the charts' history, restored on {@link Started}, must not wait for the schema. */
    @Test
    void workBeforeReadyRunsOffTheStartingThreadAndStartedDoesNotWaitForIt() {
        StartInBackground start = new StartInBackground(new Recorded(), () -> true, worker);
        CountDownLatch schema = new CountDownLatch(1);
        Thread starting = Thread.currentThread();

        start.beforeReady(() -> {
            happened.add(Thread.currentThread() == starting ? "schema on the starting thread" : "schema on a worker");
            await().atMost(Duration.ofSeconds(10)).until(() -> schema.getCount() == 0);
            happened.add("schema current");
        });
        start.fire(new StartupEvent());

        await().atMost(Duration.ofSeconds(5)).until(() -> happened.contains("Started"));
        assertThat(happened).doesNotContain("schema current").contains("schema on a worker");
        schema.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> happened.contains("schema current"));
    }

    @Test
    void startingInTheForegroundRunsTheWorkRightAway() {
        StartInBackground start = new StartInBackground(new Recorded(), () -> false, worker);

        start.beforeReady(() -> happened.add("schema current"));
        happened.add("next observer");
        start.fire(new StartupEvent());

        assertThat(happened).containsExactly("schema current", "next observer", "Started");
    }

    /** Records that {@link Started} was fired. */
    private final class Recorded implements Event<Started> {

        @Override
        public void fire(Started event) {
            happened.add("Started");
        }

        @Override
        public <U extends Started> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends Started> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<Started> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends Started> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends Started> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
