package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

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

    VigilClient(String url, String token) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = URI.create(u);
        this.token = token;
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

    /** One request over the JDK's plain URL connection: it starts in a fraction of what a full HTTP client takes. */
    private JsonNode send(String method, String path, Object body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(30000);
            c.setRequestMethod(method);
            c.setRequestProperty("Accept", "application/json");
            if (token != null && !token.isBlank()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null || method.equals("POST") || method.equals("PUT")) {
                byte[] json = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(json.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(json);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode answer = text.isBlank() ? JSON.nullNode() : parse(text);
            if (status / 100 != 2) {
                throw CliFailure.of(status, method + " " + path, answer);
            }
            return answer;
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot connect to Vigil at " + base
                    + ": is it running? (set --url or VIGIL_URL)");
        } catch (HttpRetryException e) {
            // A 401 to a request with a body: the JDK reports it as a retry it cannot make.
            throw CliFailure.of(e.responseCode(), method + " " + path, JSON.nullNode());
        } catch (SocketTimeoutException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "Vigil at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "talking to Vigil at " + base + " failed: " + e.getMessage());
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
