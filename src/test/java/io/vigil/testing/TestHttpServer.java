package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for webhook receivers, Slack and Alertmanager: it records every request and answers
 * 200, or what a test told it to answer next on a path.
 */
public final class TestHttpServer implements AutoCloseable {

    /** @param authorization the Authorization header, or null */
    public record Request(String method, String path, String contentType, String authorization, String body, Instant at) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();

    private static final class Script {

        final String path;
        final String text;
        final int status;
        final String answer;
        final String contentType;
        int remaining;

        Script(String path, String text, int status, int times, String answer, String contentType) {
            this.path = path;
            this.text = text;
            this.status = status;
            this.remaining = times;
            this.answer = answer;
            this.contentType = contentType;
        }
    }

    private TestHttpServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on {@link TestPorts#httpPort()}, where the test profile's receivers send. */
    public static TestHttpServer start() {
        try {
            return new TestHttpServer(TestPorts.httpPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + TestPorts.httpPort(), e);
        }
    }

    /** The next {@code times} requests to {@code path} whose body contains {@code text} get {@code status}. */
    public void answerNext(String path, String text, int status, int times) {
        scripts.add(new Script(path, text, status, times, null, null));
    }

    /** As {@link #answerNext(String, String, int, int)}, with this body of this content type. */
    public void answerNext(String path, String text, int status, int times, String answer, String contentType) {
        scripts.add(new Script(path, text, status, times, answer, contentType));
    }

    /** Requests to {@code path} whose body contains {@code text}, oldest first. */
    public List<Request> requests(String path, String text) {
        return requests.stream().filter(r -> r.path().equals(path) && r.body().contains(text)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body, Instant.now()));
        int status = 200;
        String text = null;
        synchronized (scripts) {
            for (Script script : scripts) {
                if (script.remaining > 0 && script.path.equals(path) && body.contains(script.text)) {
                    script.remaining--;
                    status = script.status;
                    text = script.answer;
                    if (script.contentType != null) {
                        exchange.getResponseHeaders().set("Content-Type", script.contentType);
                    }
                    break;
                }
            }
        }
        if (text == null) {
            text = status == 200 ? "ok" : "boom: the receiver is having a bad day";
        }
        byte[] answer = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
