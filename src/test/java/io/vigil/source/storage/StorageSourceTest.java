package io.vigil.source.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.hub.Sample;
import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;
import io.vigil.testing.S3Server;

/** The storage source against a real S3 server of the test's own, which it takes away and brings back. */
class StorageSourceTest {

    private static S3Server server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
        put("images", "plate-1.tif", 10);
        put("images", "plate-2.tif", 20);
        put("images", "runs/2026-12-01/plate-3.tif", 30);
        for (int i = 0; i < 7; i++) {
            put("raw", "frame-" + i, 100);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theWatchedBucketsObjectsAndBytesAreCountedOnTheServer() {
        SourceUpdate update = first(new StorageSource(TestStorageConfig.of(server.url(), "images")));

        assertThat(update.status()).isEqualTo(SourceStatus.UP);
        StorageSnapshot snapshot = (StorageSnapshot) update.snapshot();
        assertThat(snapshot.endpoint()).isEqualTo(server.url());
        assertThat(snapshot.latencyMs()).isPositive();
        assertThat(snapshot.buckets()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("images");
            assertThat(b.objects()).isEqualTo(3);
            assertThat(b.bytes()).isEqualTo(60);
            assertThat(b.capped()).isFalse();
            assertThat(b.countedBy()).as("S3Mock has no usage figures").isEqualTo("listing");
        });
        assertThat(value(update, "storage.bucket.objects", "images")).isEqualTo(3.0);
        assertThat(value(update, "storage.bucket.bytes", "images")).isEqualTo(60.0);
        assertThat(update.detail()).contains("no usage figures");
    }

    @Test
    void withoutNamedBucketsEveryBucketIsWatchedAndOneOverTheCapIsALowerBound() {
        SourceUpdate update = first(new StorageSource(TestStorageConfig.of(server.url()).withMaxObjects(5)));

        StorageSnapshot snapshot = (StorageSnapshot) update.snapshot();
        assertThat(snapshot.buckets()).extracting(StorageSnapshot.Bucket::name).contains("images", "raw");
        StorageSnapshot.Bucket raw = snapshot.buckets().stream().filter(b -> b.name().equals("raw")).findFirst()
                .orElseThrow();
        assertThat(raw.objects()).isEqualTo(5);
        assertThat(raw.capped()).isTrue();
        assertThat(update.status()).isEqualTo(SourceStatus.UP);
        assertThat(update.detail()).contains("more than 5 objects in raw");
    }

    @Test
    void aWatchedBucketThatIsNotThereDegradesTheSource() {
        SourceUpdate update = first(new StorageSource(TestStorageConfig.of(server.url(), "images", "scans")));

        assertThat(update.status()).isEqualTo(SourceStatus.DEGRADED);
        assertThat(update.detail()).contains("scans");
        assertThat(value(update, "storage.bucket.exists", "scans")).isEqualTo(0.0);
    }

    @Test
    void withoutAnEndpointTheSourceIsNotConfiguredNotFailing() {
        SourceUpdate update = first(new StorageSource(TestStorageConfig.of(null)));

        assertThat(update.status()).isEqualTo(SourceStatus.NOT_CONFIGURED);
        assertThat(update.detail()).contains("vigil.storage.endpoint", "MONITORING_MINIO_ENDPOINT");
        assertThat(((StorageSnapshot) update.snapshot()).configured()).isFalse();
    }

    @Test
    void aServerThatGoesAwayFailsTheStreamAndItIsReadAgainWhenItComesBack() {
        StorageSource source = new StorageSource(TestStorageConfig.of(server.url(), "images"));
        List<SourceUpdate> updates = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        // As the hub supervises a source: each failure is seen, and the stream is subscribed again after a pause.
        Cancellable subscription = Multi.createFrom().deferred(source::stream)
                .onFailure().invoke(failures::add)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofMillis(500)).indefinitely()
                .subscribe().with(updates::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !updates.isEmpty());

            server.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
            assertThat(failures.get(0)).hasMessageStartingWith("storage at " + server.url() + " cannot be read");
            int whileAway = updates.size();
            await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() >= 2);
            assertThat(updates).as("no reading while the server is away").hasSize(whileAway);

            server.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> updates.size() > whileAway);
            SourceUpdate back = updates.get(updates.size() - 1);
            assertThat(back.status()).isEqualTo(SourceStatus.UP);
            assertThat(value(back, "storage.bucket.objects", "images")).isEqualTo(3.0);
        } finally {
            subscription.cancel();
            server.restart();
        }
    }

    private static SourceUpdate first(StorageSource source) {
        return source.stream().toUni().await().atMost(Duration.ofSeconds(15));
    }

    private static Double value(SourceUpdate update, String series, String bucket) {
        SeriesKey key = new SeriesKey(series, Map.of("bucket", bucket));
        return update.samples().stream().filter(s -> s.key().equals(key)).map(Sample::value).findFirst().orElse(null);
    }

    private static void put(String bucket, String name, int size) throws Exception {
        try (MinioClient s3 = MinioClient.builder().endpoint(server.url()).credentials("test", "test-secret").build()) {
            if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(name)
                    .stream(new ByteArrayInputStream(new byte[size]), (long) size, null).build());
        }
    }
}
