package io.vigil.source.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;

/**
 * One check of the storage server, on a worker thread: a cheap request per watched bucket every time (or one bucket
 * list), and counts of the buckets' objects that are bounded in cost. Counts come from the server's own usage figures
 * where it has them; otherwise a bucket is listed when its last count is older than the inventory interval, at most
 * {@code max-objects} objects per listing and about that many per check, so a bucket of millions of objects costs a
 * capped listing every few minutes, never a full one every check. Not thread-safe: one check at a time.
 */
final class StoragePoller implements AutoCloseable {

    static final String SOURCE = "storage";
    static final String BY_SERVER = "server";
    static final String BY_LISTING = "listing";

    private final ObjectStore store;
    private final StorageEndpoint endpoint;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Counted> counts = new HashMap<>();
    /** Per bucket, the count growth is measured from, replaced once the next count is an inventory interval later. */
    private final Map<String, Counted> baselines = new HashMap<>();
    private final Map<String, Double> growth = new HashMap<>();
    private Instant nextUsageTry = Instant.MIN;

    /** What one check needs of the configuration. */
    record Settings(Optional<List<String>> buckets, int maxBuckets, Duration inventoryInterval, int maxObjects,
            boolean serverUsage, Optional<Long> capacityBytes) {

        static Settings of(StorageConfig config) {
            return new Settings(config.buckets().map(List::copyOf), config.maxBuckets(), config.inventory().interval(),
                    config.inventory().maxObjects(), config.inventory().serverUsage(),
                    config.capacity().map(size -> size.asLongValue()));
        }
    }

    private record Counted(ObjectStore.Count count, Instant at, String by) {
    }

    StoragePoller(ObjectStore store, StorageEndpoint endpoint, Settings settings, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.settings = settings;
        this.clock = clock;
    }

    StorageEndpoint endpoint() {
        return endpoint;
    }

    /** One check; a server that does not answer fails it. */
    SourceUpdate poll() throws Exception {
        List<String> notes = new ArrayList<>();
        Map<String, Boolean> exists = new LinkedHashMap<>();
        long started = System.nanoTime();
        double latencyMs;
        if (settings.buckets().isPresent() && !settings.buckets().get().isEmpty()) {
            latencyMs = -1;
            for (String bucket : settings.buckets().get()) {
                exists.put(bucket, store.bucketExists(bucket));
                if (latencyMs < 0) {
                    latencyMs = (System.nanoTime() - started) / 1e6;
                }
            }
        } else {
            List<String> names = new ArrayList<>(store.bucketNames());
            latencyMs = (System.nanoTime() - started) / 1e6;
            names.sort(Comparator.naturalOrder());
            if (names.size() > settings.maxBuckets()) {
                notes.add(names.size() + " buckets, of which the first " + settings.maxBuckets()
                        + " by name are watched (vigil.storage.max-buckets, or name them in vigil.storage.buckets)");
                names = names.subList(0, settings.maxBuckets());
            }
            names.forEach(name -> exists.put(name, true));
        }
        Instant now = clock.instant();
        counts.keySet().retainAll(exists.keySet());
        baselines.keySet().retainAll(exists.keySet());
        growth.keySet().retainAll(exists.keySet());

        Optional<ObjectStore.ServerUsage> usage = serverUsage(now, notes);
        usage.ifPresent(u -> u.buckets().forEach((bucket, count) -> {
            if (Boolean.TRUE.equals(exists.get(bucket))) {
                record(bucket, new Counted(count, now, BY_SERVER));
            }
        }));
        countDueBuckets(exists, usage, now);

        List<StorageSnapshot.Bucket> buckets = new ArrayList<>();
        List<String> capped = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        exists.forEach((name, there) -> {
            Counted counted = there ? counts.get(name) : null;
            if (!there) {
                missing.add(name);
            }
            if (counted != null && counted.count().capped()) {
                capped.add(name);
            }
            buckets.add(new StorageSnapshot.Bucket(name, there, counted == null ? null : counted.count().objects(),
                    counted == null ? null : counted.count().bytes(), counted != null && counted.count().capped(),
                    counted == null ? null : counted.at(), counted == null ? null : counted.by(),
                    there ? growth.get(name) : null));
        });
        if (!capped.isEmpty()) {
            notes.add("more than " + settings.maxObjects() + " objects in " + String.join(", ", capped)
                    + ": their counts are lower bounds (vigil.storage.inventory.max-objects)");
        }
        StorageSnapshot.Capacity capacity = capacity(usage, buckets);
        StorageSnapshot snapshot = new StorageSnapshot(true, endpoint.url(), latencyMs, List.copyOf(buckets), capacity,
                List.copyOf(notes), now);
        SourceUpdate update = SourceUpdate.up(SOURCE, now, snapshot, samples(snapshot, now), List.of());
        if (!missing.isEmpty()) {
            return update.degraded("watched bucket(s) " + String.join(", ", missing) + " do not exist on " + endpoint.url());
        }
        return notes.isEmpty()
                ? update
                : new SourceUpdate(SOURCE, now, snapshot, update.samples(), List.of(), update.status(),
                        String.join("; ", notes));
    }

    private Optional<ObjectStore.ServerUsage> serverUsage(Instant now, List<String> notes) {
        if (!settings.serverUsage()) {
            return Optional.empty();
        }
        if (now.isBefore(nextUsageTry)) {
            notes.add(usageNote());
            return Optional.empty();
        }
        Optional<ObjectStore.ServerUsage> usage;
        try {
            usage = store.serverUsage();
        } catch (Exception e) {
            // Usage figures are a bonus: the buckets are listed instead.
            usage = Optional.empty();
        }
        if (usage.isEmpty()) {
            nextUsageTry = now.plus(settings.inventoryInterval());
            notes.add(usageNote());
        }
        return usage;
    }

    private String usageNote() {
        return "the server gives Vigil no usage figures: buckets are counted by listing them every "
                + settings.inventoryInterval().toString().substring(2).toLowerCase();
    }

    /** Lists the buckets the server gave no figures for and whose count is due, stalest first, within one budget. */
    private void countDueBuckets(Map<String, Boolean> exists, Optional<ObjectStore.ServerUsage> usage, Instant now)
            throws Exception {
        List<String> due = exists.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .filter(b -> usage.map(u -> !u.buckets().containsKey(b)).orElse(true))
                .filter(b -> counts.get(b) == null
                        || !now.isBefore(counts.get(b).at().plus(settings.inventoryInterval())))
                .sorted(Comparator.comparing(b -> counts.get(b) == null ? Instant.MIN : counts.get(b).at()))
                .toList();
        long budget = settings.maxObjects();
        for (String bucket : due) {
            if (budget <= 0) {
                break;
            }
            ObjectStore.Count count = store.count(bucket, settings.maxObjects());
            budget -= Math.max(1, count.objects());
            record(bucket, new Counted(count, clock.instant(), BY_LISTING));
        }
    }

    private void record(String bucket, Counted counted) {
        counts.put(bucket, counted);
        Counted base = baselines.get(bucket);
        if (counted.count().capped()) {
            baselines.remove(bucket);
            growth.remove(bucket);
            return;
        }
        if (base == null) {
            baselines.put(bucket, counted);
            return;
        }
        Duration between = Duration.between(base.at(), counted.at());
        if (between.compareTo(settings.inventoryInterval()) >= 0 && !between.isZero()) {
            double hours = between.toMillis() / 3_600_000.0;
            growth.put(bucket, (counted.count().bytes() - base.count().bytes()) / hours);
            baselines.put(bucket, counted);
        }
    }

    private StorageSnapshot.Capacity capacity(Optional<ObjectStore.ServerUsage> usage, List<StorageSnapshot.Bucket> buckets) {
        if (usage.isPresent() && usage.get().capacityBytes() != null && usage.get().freeBytes() != null) {
            long total = usage.get().capacityBytes();
            long free = usage.get().freeBytes();
            return capacity(total, total - free, BY_SERVER);
        }
        if (settings.capacityBytes().isPresent()) {
            long used = buckets.stream().filter(b -> b.bytes() != null).mapToLong(StorageSnapshot.Bucket::bytes).sum();
            return capacity(settings.capacityBytes().get(), used, "configured");
        }
        return null;
    }

    private static StorageSnapshot.Capacity capacity(long total, long used, String by) {
        double percent = total <= 0 ? 0 : Math.round(used * 1000.0 / total) / 10.0;
        return new StorageSnapshot.Capacity(total, used, Math.max(0, total - used), percent, by);
    }

    static List<Sample> samples(StorageSnapshot snapshot, Instant ts) {
        List<Sample> out = new ArrayList<>();
        out.add(Sample.of("storage.up", 1, ts));
        out.add(Sample.of("storage.latency_ms", Math.round(snapshot.latencyMs() * 10) / 10.0, ts));
        out.add(Sample.of("storage.buckets", snapshot.buckets().stream().filter(StorageSnapshot.Bucket::exists).count(), ts));
        for (StorageSnapshot.Bucket b : snapshot.buckets()) {
            out.add(Sample.of("storage.bucket.exists", "bucket", b.name(), b.exists() ? 1 : 0, ts));
            if (b.objects() != null) {
                out.add(Sample.of("storage.bucket.objects", "bucket", b.name(), b.objects(), ts));
                out.add(Sample.of("storage.bucket.bytes", "bucket", b.name(), b.bytes(), ts));
            }
            if (b.growthBytesPerHour() != null) {
                out.add(Sample.of("storage.bucket.growth_bytes_per_hour", "bucket", b.name(), b.growthBytesPerHour(), ts));
            }
        }
        StorageSnapshot.Capacity c = snapshot.capacity();
        if (c != null) {
            out.add(Sample.of("storage.capacity.bytes", c.totalBytes(), ts));
            out.add(Sample.of("storage.used.bytes", c.usedBytes(), ts));
            out.add(Sample.of("storage.free.bytes", c.freeBytes(), ts));
            out.add(Sample.of("storage.used.percent", c.usedPercent(), ts));
        }
        return out;
    }

    @Override
    public void close() {
        store.close();
    }
}
