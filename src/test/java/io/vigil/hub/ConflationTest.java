package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

class ConflationTest {

    record Msg(String key, int n) {
    }

    @Test
    void aSubscriberWithoutDemandGetsTheLatestPerKey() {
        BroadcastProcessor<Msg> upstream = BroadcastProcessor.create();
        AtomicLong dropped = new AtomicLong();
        AtomicLong replaced = new AtomicLong();
        AssertSubscriber<Msg> slow = Conflation.latestByKey(upstream, Msg::key, 100, dropped, replaced)
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        for (int i = 0; i < 1000; i++) {
            upstream.onNext(new Msg("host", i));
            upstream.onNext(new Msg("experiments", i));
        }
        assertThat(slow.getItems()).isEmpty();
        slow.request(10);
        assertThat(slow.getItems()).containsExactly(new Msg("host", 999), new Msg("experiments", 999));
        assertThat(dropped.get()).isZero();
        assertThat(replaced.get()).isEqualTo(1998);
    }

    @Test
    void eventsAreKeptInOrderUpToTheBoundThenTheOldestGo() {
        BroadcastProcessor<Msg> upstream = BroadcastProcessor.create();
        AtomicLong dropped = new AtomicLong();
        AssertSubscriber<Msg> slow = Conflation
                .latestByKey(upstream, m -> m.key() == null ? null : m.key(), 5, dropped, new AtomicLong())
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        for (int i = 0; i < 8; i++) {
            upstream.onNext(new Msg(null, i));
        }
        slow.request(100);
        assertThat(slow.getItems()).extracting(Msg::n).containsExactly(3, 4, 5, 6, 7);
        assertThat(dropped.get()).isEqualTo(3);
    }

    @Test
    void aSubscriberWithDemandGetsEverything() {
        BroadcastProcessor<Msg> upstream = BroadcastProcessor.create();
        AssertSubscriber<Msg> fast = Conflation.latestByKey(upstream, Msg::key, 10, new AtomicLong(), new AtomicLong())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int i = 0; i < 100; i++) {
            upstream.onNext(new Msg("host", i));
        }
        assertThat(fast.getItems()).hasSize(100);
    }

    @Test
    void cancellingStopsTheUpstreamSubscription() {
        BroadcastProcessor<Msg> upstream = BroadcastProcessor.create();
        AssertSubscriber<Msg> subscriber = Conflation.latestByKey(upstream, Msg::key, 10, new AtomicLong(), new AtomicLong())
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        subscriber.cancel();
        upstream.onNext(new Msg("host", 1));
        assertThat(subscriber.getItems()).isEmpty();
    }
}
