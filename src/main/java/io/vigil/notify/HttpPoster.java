package io.vigil.notify;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * POSTs JSON with Vert.x' HTTP client, without blocking. A non-2xx answer is a failure. Errors name the host, never
 * the whole address: webhook addresses often carry their secret in the path.
 */
@ApplicationScoped
public class HttpPoster {

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(Vertx vertx, NotifyConfig config) {
        this.timeout = config.retry().attemptTimeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setMaxPoolSize(8));
    }

    /** @return {@code HTTP <status>} of a 2xx answer */
    public Uni<String> postJson(String url, String json) {
        String where = host(url);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Vigil");
        return client.request(options)
                .chain(request -> request.send(json))
                .chain(response -> response.body().map(body -> {
                    int status = response.statusCode();
                    if (status / 100 != 2) {
                        String text = body == null ? "" : body.toString();
                        throw new IllegalStateException("HTTP " + status + " from " + where
                                + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text.strip())));
                    }
                    return "HTTP " + status + " from " + where;
                }))
                .onFailure(f -> !(f instanceof IllegalStateException))
                .transform(f -> new IllegalStateException("POST to " + where + " failed: " + describe(f), f));
    }

    static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "an invalid address";
        }
    }

    static String describe(Throwable f) {
        String m = f.getMessage();
        return m == null || m.isBlank() ? f.getClass().getSimpleName() : m;
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
