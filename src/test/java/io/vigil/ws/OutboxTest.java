package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTest {

    record Msg(String key, int n) {
    }

    final List<Msg> sent = new ArrayList<>();
    final List<Outbox.Done> unfinished = new ArrayList<>();
    final AtomicInteger replaced = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();

    final Outbox.Counters counters = new Outbox.Counters() {

        @Override
        public void replaced() {
            replaced.incrementAndGet();
        }

        @Override
        public void dropped() {
            dropped.incrementAndGet();
        }
    };

    /** Records each write and leaves it unfinished until the test finishes it. */
    Outbox<Msg> outbox(int maxInFlight, int maxPending) {
        return new Outbox<>((m, done) -> {
            sent.add(m);
            unfinished.add(done);
        }, Msg::key, maxInFlight, maxPending, counters);
    }

    void finishOldestWrite() {
        unfinished.remove(0).finished(true);
    }

    @Test
    void aConnectionThatKeepsUpGetsEveryMessageAndHoldsNothing() {
        Outbox<Msg> box = outbox(1, 4);
        for (int i = 0; i < 5; i++) {
            box.offer(new Msg("host", i));
            assertThat(box.pending()).isZero();
            finishOldestWrite();
        }
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1, 2, 3, 4);
        assertThat(replaced).hasValue(0);
        assertThat(box.inFlight()).isZero();
    }

    /** Sources that tick together: their messages are written at once, without waiting for each other. */
    @Test
    void aBurstUpToTheBoundIsWrittenWithoutWaitingAndNothingIsConflated() {
        Outbox<Msg> box = outbox(4, 8);
        for (int i = 0; i < 4; i++) {
            box.offer(new Msg("host", i)); // the same key: a connection that keeps up gets every update
        }
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1, 2, 3);
        assertThat(box.inFlight()).isEqualTo(4);
        assertThat(box.pending()).isZero();
        assertThat(replaced).hasValue(0);
    }

    @Test
    void aConnectionThatIsBehindGetsTheLatestPerKeyAndABoundedNumberOfEvents() {
        Outbox<Msg> box = outbox(2, 3);
        box.offer(new Msg("host", 0)); // goes out at once, the write does not finish
        box.offer(new Msg("pipes", 1)); // so does this one: two may be unfinished
        box.offer(new Msg("host", 2)); // behind from here on
        box.offer(new Msg("host", 3)); // replaces 2
        box.offer(new Msg(null, 10));
        box.offer(new Msg(null, 11));
        box.offer(new Msg(null, 12)); // over the bound: the oldest (host 3) goes
        assertThat(box.pending()).isEqualTo(3);
        assertThat(replaced).hasValue(1);
        assertThat(dropped).hasValue(1);
        assertThat(box.inFlight()).isEqualTo(2);

        finishOldestWrite(); // room for one: the oldest waiting goes
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1, 10);
        while (!unfinished.isEmpty()) {
            finishOldestWrite();
        }
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1, 10, 11, 12);
        assertThat(box.pending()).isZero();
        assertThat(box.inFlight()).isZero();

        box.offer(new Msg("host", 4)); // caught up: straight out again
        assertThat(sent).extracting(Msg::n).endsWith(4);
        assertThat(box.pending()).isZero();
    }

    @Test
    void aWriteThatReportsTwiceFreesOneSlot() {
        Outbox<Msg> box = outbox(1, 4);
        box.offer(new Msg("a", 0));
        box.offer(new Msg("b", 1));
        box.offer(new Msg("c", 2));
        Outbox.Done first = unfinished.remove(0);
        first.finished(true); // b goes
        first.finished(true); // the same write again: c must still wait for b
        assertThat(sent).extracting(Msg::n).containsExactly(0, 1);
        assertThat(box.inFlight()).isEqualTo(1);
        assertThat(box.pending()).isEqualTo(1);
    }

    /** A socket that fails a write is closing: what waits is let go at once, not tried message by message. */
    @Test
    void aFailedWriteLetsGoOfWhatWaitsAndWritesNothingMore() {
        Outbox<Msg> box = outbox(1, 8);
        box.offer(new Msg("a", 0));
        box.offer(new Msg("b", 1));
        box.offer(new Msg("c", 2));
        assertThat(box.pending()).isEqualTo(2);
        unfinished.remove(0).finished(false);
        box.offer(new Msg("d", 3));
        assertThat(sent).extracting(Msg::n).containsExactly(0);
        assertThat(box.pending()).isZero();
        assertThat(box.inFlight()).isZero();
    }

    @Test
    void aWireThatThrowsIsTakenForAClosedSocketAndTheMessageCountedAsDropped() {
        List<Msg> written = new ArrayList<>();
        Outbox<Msg> box = new Outbox<>((m, done) -> {
            if (m.n() == 0) {
                throw new IllegalStateException("WebSocket is closed");
            }
            written.add(m);
            done.finished(true);
        }, Msg::key, 1, 4, counters);
        box.offer(new Msg("a", 0));
        box.offer(new Msg("a", 1));
        assertThat(written).isEmpty();
        assertThat(dropped).hasValue(1);
        assertThat(box.inFlight()).isZero();
    }

    @Test
    void aClosedConnectionIsSentNothingMore() {
        Outbox<Msg> box = outbox(1, 3);
        box.offer(new Msg("host", 0));
        box.offer(new Msg("host", 1));
        box.close();
        finishOldestWrite();
        box.offer(new Msg("host", 2));
        assertThat(sent).extracting(Msg::n).containsExactly(0);
    }

    @Test
    void noWriteAtAllIsRefused() {
        assertThatThrownBy(() -> outbox(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
