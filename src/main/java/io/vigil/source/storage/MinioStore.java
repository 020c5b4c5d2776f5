package io.vigil.source.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.messages.ListAllMyBucketsResult;

/** {@link ObjectStore} through MinIO's Java client; MinIO's usage figures through {@link MinioUsage}. */
final class MinioStore implements ObjectStore {

    private final MinioClient client;
    private final MinioUsage usage;

    MinioStore(StorageEndpoint endpoint, String accessKey, String secretKey, String region, Duration timeout,
            boolean serverUsage) {
        MinioClient.Builder builder = MinioClient.builder().endpoint(endpoint.url());
        if (accessKey != null && secretKey != null) {
            builder.credentials(accessKey, secretKey);
        }
        if (region != null) {
            builder.region(region);
        }
        this.client = builder.build();
        long ms = timeout.toMillis();
        client.setTimeout(ms, ms, ms);
        this.usage = serverUsage && accessKey != null && secretKey != null
                ? new MinioUsage(endpoint, accessKey, secretKey, timeout)
                : null;
    }

    @Override
    public List<String> bucketNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (ListAllMyBucketsResult.Bucket bucket : client.listBuckets()) {
            names.add(bucket.name());
        }
        return names;
    }

    @Override
    public boolean bucketExists(String bucket) throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    @Override
    public Count count(String bucket, int maxObjects) throws Exception {
        long objects = 0;
        long bytes = 0;
        Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                .maxKeys(Math.min(1000, Math.max(1, maxObjects))).build());
        for (Result<Item> result : items) {
            if (objects >= maxObjects) {
                return new Count(objects, bytes, true);
            }
            Item item = result.get();
            if (!item.isDir()) {
                objects++;
                bytes += item.size();
            }
        }
        return new Count(objects, bytes, false);
    }

    @Override
    public Optional<ServerUsage> serverUsage() throws Exception {
        return usage == null ? Optional.empty() : usage.read();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // Closing releases the connection pool; nothing to do if that fails.
        }
        if (usage != null) {
            usage.close();
        }
    }
}
