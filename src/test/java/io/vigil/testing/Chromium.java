package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven over the Chrome DevTools protocol, for the dashboard's browser tests: open a page, run
 * JavaScript in it, take screenshots, and collect what the page reports as errors (uncaught exceptions, console
 * errors, failed loads). Chromium comes from the system's package ({@code /usr/bin/chromium}, installed by
 * {@code src/test/setup/services.sh}); nothing is downloaded.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> EXECUTABLES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    /** Something the page reported: an uncaught exception, a console.error, or a failed load with its URL. */
    public record PageError(String kind, String text, String url) {

        @Override
        public String toString() {
            return kind + ": " + text + (url == null || url.isEmpty() ? "" : " (" + url + ")");
        }
    }

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<PageError> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts a fresh headless Chromium with an empty profile and a window of the given size. */
    public static Chromium launch(int width, int height) {
        String executable = executable();
        Path profile;
        try {
            profile = Files.createTempDirectory("vigil-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = List.of(executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=" + width + "," + height,
                "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable, e);
        }
        try {
            // Chromium writes the port it chose (and the browser's path) into the profile once it listens.
            Path portFile = profile.resolve("DevToolsActivePort");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited at start: " + Files.readString(profile.resolve("chromium.log")));
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(body)) {
                    if ("page".equals(target.path("type").asText())) {
                        return target.path("webSocketDebuggerUrl").asText();
                    }
                }
                return null;
            }, url -> url != null && !url.isEmpty());
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(30, TimeUnit.SECONDS);
            Chromium chromium = new Chromium(process, profile, socket);
            listener.owner = chromium;
            chromium.call("Runtime.enable", Map.of());
            chromium.call("Log.enable", Map.of());
            chromium.call("Page.enable", Map.of());
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            deleteQuietly(profile);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot drive Chromium", e);
        }
    }

    private static String executable() {
        String configured = System.getProperty("vigil.test.chromium", System.getenv("CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return EXECUTABLES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Chromium at " + EXECUTABLES
                        + ": src/test/setup/services.sh installs Debian's chromium package; or set -Dvigil.test.chromium=PATH"));
    }

    /** Opens the URL and waits until the new document has loaded. */
    public void open(String url) {
        int before = loads.get();
        call("Page.navigate", Map.of("url", url));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> loads.get() > before);
    }

    /** Runs an expression in the page (awaiting a promise) and returns its value as JSON. Throws what the page threw. */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        JsonNode exception = result.get("exceptionDetails");
        if (exception != null) {
            throw new IllegalStateException("the page threw: " + exception.path("exception").path("description")
                    .asText(exception.path("text").asText()) + "\n  evaluating: " + expression);
        }
        return result.path("result").path("value");
    }

    public String text(String selector) {
        return evaluate(
                "(() => { const e = document.querySelector(" + quote(selector) + "); return e ? e.textContent : null; })()")
                .asText(null);
    }

    public String attribute(String selector, String name) {
        JsonNode v = evaluate("(() => { const e = document.querySelector(" + quote(selector) + "); return e ? e.getAttribute("
                + quote(name) + ") : null; })()");
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    public boolean visible(String selector) {
        return evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0; })()").asBoolean();
    }

    /**
     * Clicks the element as a user would reach it: scrolled into view, not covered by anything else at its centre
     * (checked and clicked in one turn of the page's event loop, so a re-render cannot move it in between).
     */
    public void click(String selector) {
        evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) throw new Error('nothing matches ' + " + quote(selector) + ");"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + " if (!hit || !(hit === e || e.contains(hit))) throw new Error(" + quote(selector) + " + ' is covered by '"
                + " + (hit ? hit.outerHTML.slice(0, 120) : 'nothing'));"
                + " e.click(); })()");
    }

    /** Focuses the field, clears it and types the text. */
    public void type(String selector, String text) {
        evaluate("(() => { const e = document.querySelector(" + quote(selector) + "); e.focus(); e.select && e.select(); })()");
        call("Input.insertText", Map.of("text", text));
    }

    /** Emulates a screen of this size (a phone: mobile=true). */
    public void viewport(int width, int height, boolean mobile) {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    /** A PNG of the viewport, or of the whole page. */
    public void screenshot(Path file, boolean fullPage) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Map<String, Object> params = new java.util.HashMap<>(Map.of("format", "png"));
            if (fullPage) {
                JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
                params.put("captureBeyondViewport", true);
                params.put("clip", Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
                        "height", size.path("height").asDouble(), "scale", 1));
            }
            JsonNode shot = call("Page.captureScreenshot", params);
            Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** What the page has reported as errors since the last {@link #clearErrors()}. */
    public List<PageError> errors() {
        return List.copyOf(errors);
    }

    public void clearErrors() {
        errors.clear();
    }

    private JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        try {
            socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode p = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loads.incrementAndGet();
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                errors.add(new PageError("exception", d.path("exception").path("description").asText(d.path("text").asText()),
                        d.path("url").asText()));
            }
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> parts = new ArrayList<>();
                    p.path("args")
                            .forEach(a -> parts.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
                    errors.add(new PageError("console." + type, String.join(" ", parts), ""));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = p.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    errors.add(new PageError("log." + entry.path("source").asText(), entry.path("text").asText(),
                            entry.path("url").asText()));
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it is going away in any case
        } finally {
            process.destroyForcibly();
            deleteQuietly(profile);
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    Chromium c = owner;
                    if (c != null) {
                        c.onMessage(JSON.readTree(text));
                    }
                } catch (IOException e) {
                    // not JSON: not from the DevTools protocol
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
