package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class OutboxTest {

    record Msg(String key, int n) {
    }

    final List<Msg> sent = new ArrayList<>();
    final List<UniEmitter<? super Void>> inFlight = new ArrayList<>();
    final AtomicInteger replaced = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();

    Outbox<Msg> outbox(int maxPending) {
        return new Outbox<>(m -> Uni.createFrom().emitter(e -> {
            sent.add(m);
            inFlight.add(e);
        }), Msg::key, maxPending, new Outbox.Counters() {

            @Override
            public void replaced() {
                replaced.incrementAndGet();
            }

            @Override
            public void dropped() {
                dropped.incrementAndGet();
            }
        });
    }

    void finishSend() {
        inFlight.remove(0).complete(null);
    }

    @Test
    void aConnectionThatKeepsUpGetsEveryMessageAndHoldsNothing() {
        Outbox<Msg> box = outbox(4);
        for (int i = 0; i < 5; i++) {
            box.offer(new Msg("host", i));
            assertThat(box.pending()).isZero();
            finishSend();
        }
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1, 2, 3, 4);
        assertThat(replaced).hasValue(0);
    }

    @Test
    void aConnectionThatIsBehindGetsTheLatestPerKeyAndABoundedNumberOfEvents() {
        Outbox<Msg> box = outbox(3);
        box.offer(new Msg("host", 0)); // goes out at once, the send does not finish
        box.offer(new Msg("host", 1));
        box.offer(new Msg("host", 2)); // replaces 1
        box.offer(new Msg(null, 10));
        box.offer(new Msg(null, 11));
        box.offer(new Msg(null, 12)); // the bound: the oldest (host 2) goes
        assertThat(box.pending()).isEqualTo(3);
        assertThat(replaced).hasValue(1);
        assertThat(dropped).hasValue(1);
        while (!inFlight.isEmpty()) {
            finishSend();
        }
        assertThat(sent).extracting(Msg::n).containsExactly(0, 10, 11, 12);
        assertThat(box.pending()).isZero();
    }

    @Test
    void aClosedConnectionIsSentNothingMore() {
        Outbox<Msg> box = outbox(3);
        box.offer(new Msg("host", 0));
        box.offer(new Msg("host", 1));
        box.close();
        finishSend();
        box.offer(new Msg("host", 2));
        assertThat(sent).extracting(Msg::n).containsExactly(0);
    }
}
