package io.vigil.source.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vigil.hub.Sample;
import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;
import io.vigil.testing.ManualClock;

/** What one check costs and reports, against a store that counts what it is asked. */
class StoragePollerTest {

    private static final Duration INVENTORY = Duration.ofMinutes(10);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FakeStore store = new FakeStore();

    @Test
    void aBucketIsListedOncePerInventoryIntervalNotEveryCheck() throws Exception {
        store.bucket("images", 3, 300);
        StoragePoller poller = poller(Optional.empty(), 1000);

        assertThat(bucket(poller.poll(), "images").objects()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        store.bucket("images", 4, 400);
        SourceUpdate later = poller.poll();

        assertThat(store.listings).containsExactly("images");
        assertThat(store.cheapCalls).isEqualTo(2);
        assertThat(bucket(later, "images").objects()).as("the last count, until the next is due").isEqualTo(3);
        clock.advance(INVENTORY);
        assertThat(bucket(poller.poll(), "images").objects()).isEqualTo(4);
        assertThat(store.listings).containsExactly("images", "images");
    }

    @Test
    void aBucketLargerThanTheCapIsCountedAsALowerBoundAndTheStatusSaysSo() throws Exception {
        store.bucket("raw", 5_000, 5_000_000);
        SourceUpdate update = poller(Optional.empty(), 1000).poll();

        StorageSnapshot.Bucket raw = bucket(update, "raw");
        assertThat(raw.objects()).isEqualTo(1000);
        assertThat(raw.capped()).isTrue();
        assertThat(update.status()).isEqualTo(SourceStatus.UP);
        assertThat(update.detail()).contains("more than 1000 objects in raw", "lower bounds");
        assertThat(store.listedObjects).isEqualTo(1000);
    }

    @Test
    void oneCheckListsAboutTheCapAcrossBucketsAndTheRestWaitForTheNext() throws Exception {
        store.bucket("a", 900, 9);
        store.bucket("b", 900, 9);
        store.bucket("c", 900, 9);
        StoragePoller poller = poller(Optional.empty(), 1000);

        SourceUpdate first = poller.poll();
        assertThat(store.listings).containsExactly("a", "b");
        assertThat(bucket(first, "c").objects()).as("not counted yet").isNull();
        clock.advance(Duration.ofMinutes(1));
        poller.poll();
        assertThat(store.listings).containsExactly("a", "b", "c");
    }

    @Test
    void theServersOwnUsageFiguresSpareTheListingAndGiveCapacity() throws Exception {
        store.bucket("images", 2, 20);
        store.usage = Optional.of(new ObjectStore.ServerUsage(
                Map.of("images", new ObjectStore.Count(2_000_000, 7_000_000_000L, false)), 10_000_000_000L, 2_500_000_000L));
        SourceUpdate update = poller(Optional.empty(), 1000).poll();

        StorageSnapshot.Bucket images = bucket(update, "images");
        assertThat(images.objects()).isEqualTo(2_000_000);
        assertThat(images.countedBy()).isEqualTo("server");
        assertThat(store.listings).isEmpty();
        StorageSnapshot.Capacity capacity = ((StorageSnapshot) update.snapshot()).capacity();
        assertThat(capacity.usedPercent()).isEqualTo(75.0);
        assertThat(capacity.reportedBy()).isEqualTo("server");
        assertThat(value(update, "storage.used.percent", Map.of())).isEqualTo(75.0);
        assertThat(update.detail()).isNull();
    }

    @Test
    void aServerWithoutUsageFiguresIsAskedAgainOnlyAfterAnInventoryInterval() throws Exception {
        store.bucket("images", 2, 20);
        StoragePoller poller = poller(Optional.empty(), 1000);
        poller.poll();
        clock.advance(Duration.ofMinutes(1));
        SourceUpdate second = poller.poll();
        assertThat(store.usageCalls).isEqualTo(1);
        assertThat(second.detail()).contains("no usage figures");
        clock.advance(INVENTORY);
        poller.poll();
        assertThat(store.usageCalls).isEqualTo(2);
    }

    @Test
    void growthIsMeasuredBetweenCountsAnInventoryIntervalApart() throws Exception {
        store.bucket("images", 10, 1_000);
        StoragePoller poller = poller(Optional.empty(), 1000);
        assertThat(bucket(poller.poll(), "images").growthBytesPerHour()).isNull();
        clock.advance(INVENTORY);
        store.bucket("images", 20, 2_000);
        SourceUpdate update = poller.poll();
        assertThat(bucket(update, "images").growthBytesPerHour()).isEqualTo(6_000.0);
        assertThat(value(update, "storage.bucket.growth_bytes_per_hour", Map.of("bucket", "images"))).isEqualTo(6_000.0);
    }

    @Test
    void aMissingWatchedBucketDegradesTheSourceAndIsNotListed() throws Exception {
        store.bucket("images", 1, 10);
        SourceUpdate update = poller(Optional.of(List.of("images", "scans")), 1000).poll();

        assertThat(update.status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(update.detail()).contains("scans", "do not exist");
        assertThat(store.listings).containsExactly("images");
        assertThat(value(update, "storage.bucket.exists", Map.of("bucket", "scans"))).isEqualTo(0.0);
        assertThat(value(update, "storage.bucket.exists", Map.of("bucket", "images"))).isEqualTo(1.0);
        assertThat(value(update, "storage.buckets", Map.of())).isEqualTo(1.0);
        assertThat(value(update, "storage.up", Map.of())).isEqualTo(1.0);
    }

    @Test
    void aConfiguredCapacityIsReckonedFromTheBucketsBytes() throws Exception {
        store.bucket("images", 1, 250);
        StoragePoller poller = new StoragePoller(store, StorageEndpoint.parse("http://minio:9000", false),
                new StoragePoller.Settings(Optional.empty(), 50, INVENTORY, 1000, true, Optional.of(1000L)), clock);
        StorageSnapshot.Capacity capacity = ((StorageSnapshot) poller.poll().snapshot()).capacity();
        assertThat(capacity).isEqualTo(new StorageSnapshot.Capacity(1000, 250, 750, 25.0, "configured"));
    }

    private StoragePoller poller(Optional<List<String>> buckets, int maxObjects) {
        return new StoragePoller(store, StorageEndpoint.parse("http://minio:9000", false),
                new StoragePoller.Settings(buckets, 50, INVENTORY, maxObjects, true, Optional.empty()), clock);
    }

    private static StorageSnapshot.Bucket bucket(SourceUpdate update, String name) {
        return ((StorageSnapshot) update.snapshot()).buckets().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Double value(SourceUpdate update, String series, Map<String, String> labels) {
        SeriesKey key = new SeriesKey(series, labels);
        return update.samples().stream().filter(s -> s.key().equals(key)).map(Sample::value).findFirst().orElse(null);
    }

    /** Buckets of so many objects of equal size; counts every request. */
    private static final class FakeStore implements ObjectStore {

        final Map<String, long[]> buckets = new LinkedHashMap<>();
        final List<String> listings = new ArrayList<>();
        long listedObjects;
        int cheapCalls;
        int usageCalls;
        Optional<ServerUsage> usage = Optional.empty();

        void bucket(String name, long objects, long bytes) {
            buckets.put(name, new long[]{ objects, bytes });
        }

        @Override
        public List<String> bucketNames() {
            cheapCalls++;
            return List.copyOf(buckets.keySet());
        }

        @Override
        public boolean bucketExists(String bucket) {
            cheapCalls++;
            return buckets.containsKey(bucket);
        }

        @Override
        public Count count(String bucket, int maxObjects) {
            listings.add(bucket);
            long[] b = buckets.get(bucket);
            long listed = Math.min(b[0], maxObjects);
            listedObjects += listed;
            return new Count(listed, b[1] / b[0] * listed, b[0] > maxObjects);
        }

        @Override
        public Optional<ServerUsage> serverUsage() {
            usageCalls++;
            return usage;
        }

        @Override
        public void close() {
        }
    }
}
