package io.vigil.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.runtime.ShutdownEvent;
import io.vigil.hub.view.ServiceTarget;
import io.vigil.lifecycle.Started;
import io.vigil.services.ServiceTargetRegistry;

/**
 * The lab's peer services, played on loopback when the demo is on: {@code orders} answers at once, {@code inventory}
 * takes its time, {@code billing} is flaky (a few 500s, and an outage of {@link #OUTAGE} every {@link #OUTAGE_EVERY},
 * the first a minute after start, long enough for PeerServiceDown to fire), and {@code orders-db} is a bare TCP port.
 * Each listens on a free port and is given to Vigil as a target like any other.
 */
@ApplicationScoped
public class DemoServices {

    private static final Logger LOG = Logger.getLogger(DemoServices.class);
    static final Duration OUTAGE = Duration.ofSeconds(75);
    static final Duration OUTAGE_EVERY = Duration.ofMinutes(5);
    private static final Duration FIRST_OUTAGE_AFTER = Duration.ofMinutes(1);

    private final DemoConfig config;
    private final ServiceTargetRegistry targets;
    private final Clock clock = Clock.systemUTC();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private Instant started;

    public DemoServices(DemoConfig config, ServiceTargetRegistry targets) {
        this.config = config;
        this.targets = targets;
    }

    void start(@Observes @Priority(1300) Started event) throws IOException {
        if (!config.enabled()) {
            return;
        }
        started = clock.instant();
        int orders = serve("orders", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        int inventory = serve("inventory", exchange -> {
            pause(Duration.ofMillis(80 + random.nextInt(400)));
            answer(exchange, 200, "{\"status\":\"UP\",\"items\":1204}");
        });
        int billing = serve("billing", exchange -> {
            boolean failing = inOutage(clock.instant()) || random.nextInt(10) == 0;
            answer(exchange, failing ? 500 : 200, failing ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}");
        });
        target("orders", "http://127.0.0.1:" + orders + "/health", "$.status", "UP");
        target("inventory", "http://127.0.0.1:" + inventory + "/health", null, null);
        target("billing", "http://127.0.0.1:" + billing + "/health", null, null);
        target("orders-db", "tcp://127.0.0.1:" + orders, null, null);
        LOG.infof("Demo peer services on ports %d (orders), %d (inventory), %d (billing, flaky)", orders, inventory, billing);
    }

    void stop(@Observes ShutdownEvent event) {
        servers.forEach(s -> s.stop(0));
    }

    /** Billing's outages: {@link #OUTAGE} long, every {@link #OUTAGE_EVERY}, the first after a minute. */
    boolean inOutage(Instant now) {
        long sinceFirst = Duration.between(started.plus(FIRST_OUTAGE_AFTER), now).toMillis();
        return sinceFirst >= 0 && sinceFirst % OUTAGE_EVERY.toMillis() < OUTAGE.toMillis();
    }

    private interface Handler {

        void handle(HttpExchange exchange) throws IOException;
    }

    private int serve(String name, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private void target(String name, String url, String jsonPath, String jsonValue) {
        targets.register(ServiceTarget.of(name, url, null, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(2), null, null,
                jsonPath, jsonValue, null, false, "demo"));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
