package io.vigil.notify.receiver.http;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vigil.log.Failures;
import io.vigil.notify.NotifyConfig;

/**
 * POSTs JSON with Vert.x' HTTP client, without blocking. A non-2xx answer is a failure. What it reports (into the
 * notification log, API answers and Vigil's log) shows the address only as {@code scheme://host/…} and a receiver's
 * answer only by status, type and size: webhook addresses carry their secret in the path, and receivers that refuse
 * one often echo it in their error body.
 */
@ApplicationScoped
public class HttpPoster {

    /** A failed POST, described without the address's secrets or the receiver's words; it keeps no cause that has them. */
    public static final class PostFailed extends RuntimeException {

        PostFailed(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(Vertx vertx, NotifyConfig config) {
        this.timeout = config.retry().attemptTimeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setMaxPoolSize(8));
    }

    /** @return {@code HTTP <status> <reason> from <scheme://host/…>} of a 2xx answer */
    public Uni<String> postJson(ReceiverAddress to, String json) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(to.target())
                .setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Vigil");
        to.authorization().ifPresent(basic -> options.putHeader("Authorization", basic));
        return client.request(options)
                .chain(request -> request.send(json))
                .chain(response -> response.body().map(body -> {
                    String answered = status(response) + " from " + to.shown();
                    if (response.statusCode() / 100 != 2) {
                        throw new PostFailed(answered + " (" + summary(response, body) + ")");
                    }
                    return answered;
                }))
                .onFailure(f -> !(f instanceof PostFailed))
                .transform(f -> new PostFailed("POST to " + to.shown() + " failed: " + to.scrub(Failures.describe(f))));
    }

    /** {@code HTTP 500 Internal Server Error}. */
    private static String status(HttpClientResponse response) {
        String reason = response.statusMessage();
        return "HTTP " + response.statusCode() + (reason == null || reason.isBlank() ? "" : " " + reason.strip());
    }

    /** What the body was, never what it said: {@code application/json, 112 bytes}. */
    static String summary(HttpClientResponse response, Buffer body) {
        int length = body == null ? 0 : body.length();
        if (length == 0) {
            return "no body";
        }
        String type = response.getHeader("Content-Type");
        type = type == null ? "" : type.split(";", 2)[0].strip();
        return (MEDIA_TYPE.matcher(type).matches() ? type + ", " : "") + length + " bytes";
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
