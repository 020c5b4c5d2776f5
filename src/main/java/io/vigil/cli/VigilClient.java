package io.vigil.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.web.JsonSettings;

/**
 * Vigil's REST API as the command line uses it: JSON in and out, the token as a bearer, and every failure turned into
 * a {@link CliFailure} that says what to do (the server's problem+json detail when it sent one).
 */
final class VigilClient {

    /** Vigil's own JSON settings, so a rule or a request reads as the server writes it (snake_case, durations). */
    static final ObjectMapper JSON = JsonSettings.apply(new ObjectMapper());

    private final URI base;
    private final String token;
    private final HttpClient http;

    VigilClient(String url, String token) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = URI.create(u);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    String base() {
        return base.toString();
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, method.equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
                if (method.equals("POST")) {
                    request.header("Content-Type", "application/json");
                }
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            if (response.statusCode() / 100 != 2) {
                throw CliFailure.of(response.statusCode(), method + " " + path, answer);
            }
            return answer;
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot connect to Vigil at " + base
                    + ": is it running? (set --url or VIGIL_URL)");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "Vigil at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "talking to Vigil at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
