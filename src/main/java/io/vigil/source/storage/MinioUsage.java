package io.vigil.source.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * MinIO's own usage figures, from its cluster metrics ({@code /minio/v2/metrics/cluster}): objects and bytes per
 * bucket, usable capacity and free space, as MinIO's background scanner last counted them. Reading them costs one
 * request, whatever the buckets hold. MinIO wants a bearer token signed with the secret key (what
 * {@code mc admin prometheus generate} makes), and the credentials' permission {@code admin:Prometheus}; a server that
 * is not MinIO, or credentials without that permission, answer with an error and the figures are absent.
 */
final class MinioUsage implements AutoCloseable {

    static final String PATH = "/minio/v2/metrics/cluster";
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
    private static final Pattern BUCKET_LABEL = Pattern.compile("(?:^|,)\\s*bucket=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String url;
    private final String accessKey;
    private final String secretKey;
    private final OkHttpClient http;

    MinioUsage(StorageEndpoint endpoint, String accessKey, String secretKey, Duration timeout) {
        this.url = endpoint.url() + PATH;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    /** The figures, or empty where the server has none for Vigil (not MinIO, not allowed). */
    Optional<ObjectStore.ServerUsage> read() throws IOException {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token(Instant.now())).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                return Optional.empty();
            }
            return parse(response.body().string());
        }
    }

    /** Figures from MinIO's metrics text; empty when it holds neither bucket usage nor capacity. */
    static Optional<ObjectStore.ServerUsage> parse(String metrics) {
        Map<String, Long> objects = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        Long capacity = null;
        Long free = null;
        for (String line : metrics.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long value;
            try {
                value = (long) Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            switch (m.group(1)) {
                case "minio_bucket_usage_object_total" -> bucket(m.group(3)).ifPresent(b -> objects.put(b, value));
                case "minio_bucket_usage_total_bytes" -> bucket(m.group(3)).ifPresent(b -> bytes.put(b, value));
                case "minio_cluster_capacity_usable_total_bytes" -> capacity = value;
                case "minio_cluster_capacity_usable_free_bytes" -> free = value;
                default -> {
                }
            }
        }
        if (objects.isEmpty() && bytes.isEmpty() && capacity == null) {
            return Optional.empty();
        }
        Map<String, ObjectStore.Count> buckets = new LinkedHashMap<>();
        objects.forEach((b, n) -> buckets.put(b, new ObjectStore.Count(n, bytes.getOrDefault(b, 0L), false)));
        return Optional.of(new ObjectStore.ServerUsage(buckets, capacity, free));
    }

    private static Optional<String> bucket(String labels) {
        if (labels == null) {
            return Optional.empty();
        }
        Matcher m = BUCKET_LABEL.matcher(labels);
        return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }

    /** A short-lived HS512 token for MinIO's metrics: subject the access key, issuer "prometheus". */
    String token(Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"exp\":" + now.plusSeconds(300).getEpochSecond() + ",\"sub\":\""
                + jsonEscape(accessKey) + "\",\"iss\":\"prometheus\"}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
