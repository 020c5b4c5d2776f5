package io.vigil.demo;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.scheduler.Scheduled;
import io.vigil.log.LogSafe;

/**
 * The demo's plate imager: where a storage server is configured ({@code vigil.storage.endpoint}), it puts a small
 * image into the bucket {@code vigil.demo.storage.bucket} every {@code vigil.demo.storage.tick}, creating the bucket
 * first, so the storage source's counts and growth move. Without a storage server it does nothing.
 */
@ApplicationScoped
public class StorageSimulator {

    private static final Logger LOG = Logger.getLogger(StorageSimulator.class);

    private final DemoConfig demo;
    private final Optional<String> endpoint;
    private final Optional<String> accessKey;
    private final Optional<String> secretKey;
    private final boolean secure;
    private final String bucket;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private MinioClient client;
    private boolean failing;

    public StorageSimulator(DemoConfig demo, @ConfigProperty(name = "vigil.storage.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "vigil.storage.access-key") Optional<String> accessKey,
            @ConfigProperty(name = "vigil.storage.secret-key") Optional<String> secretKey,
            @ConfigProperty(name = "vigil.storage.secure") boolean secure) {
        this.demo = demo;
        this.endpoint = endpoint.filter(e -> !e.isBlank());
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.secure = secure;
        this.bucket = demo.storage().bucket();
    }

    @Scheduled(every = "${vigil.demo.storage.tick}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void tick() {
        if (!demo.enabled() || endpoint.isEmpty()) {
            return;
        }
        try {
            MinioClient s3 = client();
            if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("Demo plate imager writes to bucket %s", bucket);
            }
            byte[] image = new byte[4096 + random.nextInt(60_000)];
            random.nextBytes(image);
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object("plates/" + Instant.now().toEpochMilli() + ".tif")
                    .stream(new ByteArrayInputStream(image), (long) image.length, null).build());
            failing = false;
        } catch (Exception e) {
            if (!failing) {
                LOG.warnf("Demo plate imager cannot write to the storage server: %s", LogSafe.escape(e.getMessage()));
            }
            failing = true;
        }
    }

    private MinioClient client() {
        if (client == null) {
            String url = endpoint.get().contains("://") ? endpoint.get() : (secure ? "https://" : "http://") + endpoint.get();
            MinioClient.Builder builder = MinioClient.builder().endpoint(url);
            if (accessKey.isPresent() && secretKey.isPresent()) {
                builder.credentials(accessKey.get(), secretKey.get());
            }
            client = builder.build();
            client.setTimeout(5_000, 5_000, 5_000);
        }
        return client;
    }
}
