package io.vigil.source.storage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.SharedServers;

/**
 * {@code /api/v1/metrics/storage} on the S3 server the build starts (services.sh, port 9090), through the same group
 * endpoint every source has.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class StorageMetricsTest {

    private final String bucket = "vigil-test-" + UUID.randomUUID().toString().substring(0, 8);
    private MinioClient s3;

    @BeforeEach
    void createBucket() throws Exception {
        s3 = MinioClient.builder().endpoint("http://localhost:9090").credentials("test", "test-secret").build();
        s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        for (String name : new String[]{ "a.tif", "b.tif" }) {
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(name)
                    .stream(new ByteArrayInputStream(new byte[512]), 512L, null).build());
        }
    }

    @AfterEach
    void removeBucket() throws Exception {
        if (s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            for (String name : new String[]{ "a.tif", "b.tif" }) {
                s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(name).build());
            }
            s3.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        }
        s3.close();
    }

    @Test
    void theStorageGroupServesTheBucketsAndTheirCounts() {
        String found = "data.buckets.find { it.name == '" + bucket + "' }";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/metrics/storage").then()
                .statusCode(200)
                .body("source", equalTo("storage"))
                .body("status", equalTo("UP"))
                .body("data.endpoint", equalTo("http://localhost:9090"))
                .body(found + ".objects", equalTo(2))
                .body(found + ".bytes", equalTo(1024))
                .body(found + ".counted_by", equalTo("listing")));
        given().queryParam("series", "storage.bucket.bytes{bucket=\"" + bucket + "\"}").queryParam("window", "1m")
                .get("/api/v1/metrics/history").then()
                .statusCode(200)
                .body("results[0].points.value", hasItem(1024.0f));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'vigil-sources' }.data.storage", startsWith("UP (optional)"));
    }
}
