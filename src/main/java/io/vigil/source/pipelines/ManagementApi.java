package io.vigil.source.pipelines;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The RabbitMQ management API, read asynchronously ({@code HttpClient.sendAsync}): nothing here blocks the caller.
 */
final class ManagementApi {

    private final HttpClient http;
    private final ObjectMapper json;
    private final String base;
    private final String authorization;
    private final String virtualHost;
    private final Duration timeout;

    ManagementApi(HttpClient http, ObjectMapper json, String baseUrl, String username, String password, String virtualHost,
            Duration timeout) {
        this.http = http;
        this.json = json;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.virtualHost = virtualHost;
        this.timeout = timeout;
    }

    /** {@code GET /api/queues/{vhost}/{name}}; fails with a message fit for the source's status. */
    Uni<QueueStats> queue(String name) {
        URI uri = URI.create(base + "/api/queues/" + segment(virtualHost) + "/" + segment(name));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .onFailure().transform(e -> new IllegalStateException("management API at " + base + " unreachable: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e))
                .map(response -> parse(name, response));
    }

    private QueueStats parse(String name, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 404) {
            throw new IllegalStateException("queue '" + name + "' does not exist in virtual host '" + virtualHost + "'");
        }
        if (status == 401 || status == 403) {
            throw new IllegalStateException("management API at " + base + " refused the credentials (" + status + ")");
        }
        if (status != 200) {
            throw new IllegalStateException("management API at " + base + " answered " + status);
        }
        JsonNode q;
        try {
            q = json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("management API at " + base + " sent no JSON", e);
        }
        JsonNode stats = q.path("message_stats");
        return new QueueStats(name, q.path("messages").asLong(), q.path("messages_ready").asLong(),
                q.path("messages_unacknowledged").asLong(), q.path("consumers").asInt(),
                stats.path("publish").asLong(), stats.path("publish_details").path("rate").asDouble(),
                stats.path("deliver_get").asLong(), stats.path("deliver_get_details").path("rate").asDouble(),
                stats.path("ack").asLong(), stats.path("ack_details").path("rate").asDouble());
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
