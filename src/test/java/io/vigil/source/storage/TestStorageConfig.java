package io.vigil.source.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

/** A storage configuration for tests that build the source by hand: short intervals, a small listing cap. */
record TestStorageConfig(Optional<String> endpoint, Optional<List<String>> buckets, int maxObjects, Duration inventoryInterval)
        implements
            StorageConfig {

    static TestStorageConfig of(String endpoint, String... buckets) {
        return new TestStorageConfig(Optional.ofNullable(endpoint),
                buckets.length == 0 ? Optional.empty() : Optional.of(List.of(buckets)), 1000, Duration.ofMinutes(10));
    }

    TestStorageConfig withMaxObjects(int max) {
        return new TestStorageConfig(endpoint, buckets, max, inventoryInterval);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public Optional<String> accessKey() {
        return Optional.of("vigil-test");
    }

    @Override
    public Optional<String> secretKey() {
        return Optional.of("vigil-test-secret");
    }

    @Override
    public Optional<String> region() {
        return Optional.empty();
    }

    @Override
    public int maxBuckets() {
        return 50;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(200);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Optional<MemorySize> capacity() {
        return Optional.empty();
    }

    @Override
    public Inventory inventory() {
        return new Inventory() {

            @Override
            public Duration interval() {
                return inventoryInterval;
            }

            @Override
            public int maxObjects() {
                return maxObjects;
            }

            @Override
            public boolean serverUsage() {
                return true;
            }
        };
    }
}
