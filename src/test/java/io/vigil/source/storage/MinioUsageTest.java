package io.vigil.source.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** MinIO's usage figures: the metrics it serves, and the token it wants for them. */
class MinioUsageTest {

    static final String METRICS = """
            # HELP minio_bucket_usage_object_total Total number of objects
            # TYPE minio_bucket_usage_object_total gauge
            minio_bucket_usage_object_total{bucket="images",server="127.0.0.1:9000"} 2.5e+06
            minio_bucket_usage_object_total{bucket="scans",server="127.0.0.1:9000"} 12
            # TYPE minio_bucket_usage_total_bytes gauge
            minio_bucket_usage_total_bytes{bucket="images",server="127.0.0.1:9000"} 7.340032e+09
            minio_bucket_usage_total_bytes{bucket="scans",server="127.0.0.1:9000"} 4096
            minio_cluster_capacity_usable_total_bytes{server="127.0.0.1:9000"} 1.0e+12
            minio_cluster_capacity_usable_free_bytes{server="127.0.0.1:9000"} 4.0e+11
            minio_cluster_nodes_online_total{server="127.0.0.1:9000"} 1
            """;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void bucketUsageAndCapacityAreReadFromMinioMetrics() {
        ObjectStore.ServerUsage usage = MinioUsage.parse(METRICS).orElseThrow();
        assertThat(usage.buckets()).isEqualTo(Map.of("images", new ObjectStore.Count(2_500_000, 7_340_032_000L, false),
                "scans", new ObjectStore.Count(12, 4096, false)));
        assertThat(usage.capacityBytes()).isEqualTo(1_000_000_000_000L);
        assertThat(usage.freeBytes()).isEqualTo(400_000_000_000L);
    }

    @Test
    void metricsWithoutUsageGiveNoFigures() {
        assertThat(MinioUsage.parse("# nothing here\nminio_cluster_nodes_online_total 1\n")).isEmpty();
    }

    @Test
    void theTokenIsAnHs512JwtOfTheAccessKeySignedWithTheSecretKey() throws Exception {
        MinioUsage usage = new MinioUsage(StorageEndpoint.parse("minio:9000", false), "vigil", "s3cr3t",
                Duration.ofSeconds(1));
        String[] parts = usage.token(Instant.parse("2026-12-01T10:00:00Z")).split("\\.");
        Base64.Decoder b64 = Base64.getUrlDecoder();
        assertThat(new String(b64.decode(parts[0]), StandardCharsets.UTF_8)).contains("\"alg\":\"HS512\"");
        assertThat(new String(b64.decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"exp\":" + Instant.parse("2026-12-01T10:05:00Z").getEpochSecond()
                        + ",\"sub\":\"vigil\",\"iss\":\"prometheus\"}");
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(b64.decode(parts[2])).isEqualTo(expected);
        usage.close();
    }

    @Test
    void theFiguresAreAskedWithTheBearerTokenAndAnErrorMeansNone() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(MinioUsage.PATH, exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (status.get() == 200 ? METRICS : "<Error><Code>AccessDenied</Code></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        MinioUsage usage = new MinioUsage(StorageEndpoint.parse("127.0.0.1:" + server.getAddress().getPort(), false),
                "vigil", "s3cr3t", Duration.ofSeconds(2));

        assertThat(usage.read()).hasValueSatisfying(u -> assertThat(u.buckets()).containsKeys("images", "scans"));
        assertThat(authorization.get()).startsWith("Bearer ey");
        status.set(403);
        assertThat(usage.read()).isEmpty();
        usage.close();
    }
}
