import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Event-to-WebSocket latency of /ws/metrics: opens N connections on one Vert.x WebSocket client (two event loops, a
 * few KB per connection, so 10,000 fit in a small heap), waits until each got its
 * snapshot, warms up, then records, for every "update" message on every connection, receive instant minus the
 * message's top-level "ts" (the instant the source produced the reading). Client and server share the machine.
 *
 * Modes:
 *   latency URL LEVELS WARMUP_S MEASURE_S   e.g. latency ws://localhost:18080/ws/metrics 1,100,1000 3 20
 *   hold URL N STOPFILE MAX_S              opens N connections, prints "HOLDING n" when all have their snapshot,
 *                                           keeps reading until STOPFILE exists (at most MAX_S), then closes them
 *                                           with a normal close handshake
 * With -Dws.topics=TOPIC, each connection narrows itself to that topic after its snapshot (an idle dashboard).
 * With -Dws.compress=true, each connection offers permessage-deflate in its handshake, as browsers do.
 * With -Dws.serverPid=PID, each latency level also reports the CPU used by that process, by this client and by the
 * whole machine (from /proc) during the recording. With -Dws.profiler=PATH (async-profiler's libasyncProfiler.so)
 * and -Dws.profileDir=DIR as well, the server is profiled (CPU time, a sample every 5 ms) while each level records;
 * the collapsed stacks go to DIR/ws-LEVEL.collapsed and a RESULT line says where the server's time went.
 * Output: human-readable lines, plus "RESULT ..." lines for the harness.
 */
public class WsLatency {

    private static final JsonFactory JSON = new JsonFactory();
    /** Highest latency tracked, in microseconds (60 s); higher values are clamped and counted. */
    private static final long MAX_US = 60_000_000L;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20).setMaxConnections(100_000)
            .setTryUsePerMessageCompression(Boolean.getBoolean("ws.compress")));

    private volatile boolean recording;
    private final Recorder all = new Recorder(MAX_US, 3);
    private final Map<String, Recorder> bySource = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong otherMessages = new AtomicLong();
    private final AtomicLong badTs = new AtomicLong();
    private final AtomicLong clamped = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final Map<String, AtomicLong> typesSeen = new ConcurrentHashMap<>();
    /** Distinct readings (by ts) per source while recording: what the source produced, as opposed to delivered. */
    private final Map<String, Set<String>> readings = new ConcurrentHashMap<>();
    /** The first message of each type and source, shortened, to show the format in the report. */
    private final Map<String, String> samples = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: latency URL LEVELS WARMUP_S MEASURE_S | hold URL N STOPFILE MAX_S");
            System.exit(2);
        }
        WsLatency bench = new WsLatency();
        switch (args[0]) {
            case "latency" -> {
                URI uri = URI.create(args[1]);
                int warmup = Integer.parseInt(args[3]);
                int measure = Integer.parseInt(args[4]);
                for (String level : args[2].split(",")) {
                    bench.level(uri, Integer.parseInt(level.trim()), warmup, measure);
                }
            }
            case "hold" ->
                bench.hold(URI.create(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), Integer.parseInt(args[4]));
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
        bench.summary();
        System.exit(0);
    }

    private void hold(URI uri, int n, Path stopFile, int maxSeconds) throws Exception {
        List<Conn> conns = open(uri, n);
        System.out.println("HOLDING " + conns.size());
        System.out.flush();
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (!Files.exists(stopFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        close(conns);
        System.out.println("RESULT hold_closed=" + conns.size());
    }

    private void level(URI uri, int n, int warmup, int measure) throws Exception {
        long t0 = System.nanoTime();
        long[] openCpu0 = cpuTicks();
        List<Conn> conns = open(uri, n);
        double openS = (System.nanoTime() - t0) / 1e9;
        long[] openCpu1 = cpuTicks();
        System.out.printf("level %d: %d connections got their snapshot in %.1f s%n", n, conns.size(), openS);
        Thread.sleep(warmup * 1000L);

        all.getIntervalHistogram(); // reset
        bySource.values().forEach(Recorder::getIntervalHistogram);
        readings.clear();
        long updates0 = updates.get();
        long other0 = otherMessages.get();
        ServerProfile profile = ServerProfile.start();
        long[] cpu0 = cpuTicks();
        recording = true;
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        recording = false;
        String profiled = profile == null ? null : profile.stopAndReport(n);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpu1 = cpuTicks();
        Histogram h = all.getIntervalHistogram();
        long received = updates.get() - updates0;
        long others = otherMessages.get() - other0;

        System.out.printf("RESULT level=%d connections=%d updates=%d other_messages=%d seconds=%.1f p50_ms=%.2f p99_ms=%.2f"
                + " max_ms=%.2f open_s=%.1f%n", n, conns.size(), received, others, seconds, ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), openS);
        if (cpu0 != null && cpu1 != null && openCpu0 != null && openCpu1 != null) {
            // percent of one core; the machine's figure is over all its cores together
            System.out.printf("RESULT level=%d cpu server_pct=%.0f client_pct=%.0f machine_busy_pct=%.0f"
                    + " connect_server_pct=%.0f connect_client_pct=%.0f connect_machine_busy_pct=%.0f cores=%d%n", n,
                    pct(cpu1[0] - cpu0[0], seconds), pct(cpu1[1] - cpu0[1], seconds), pct(cpu1[2] - cpu0[2], seconds),
                    pct(openCpu1[0] - openCpu0[0], openS), pct(openCpu1[1] - openCpu0[1], openS),
                    pct(openCpu1[2] - openCpu0[2], openS), Runtime.getRuntime().availableProcessors());
        }
        if (profiled != null) {
            System.out.println(profiled);
        }
        Map<String, Recorder> sorted = new TreeMap<>(bySource);
        for (Map.Entry<String, Recorder> e : sorted.entrySet()) {
            Histogram s = e.getValue().getIntervalHistogram();
            int produced = readings.getOrDefault(e.getKey(), Set.of()).size();
            double delivered = produced == 0 ? 0 : 100.0 * s.getTotalCount() / ((double) produced * Math.max(1, conns.size()));
            System.out.printf("RESULT level=%d source=%s updates=%d readings=%d delivered_pct=%.1f per_conn_per_s=%.2f"
                    + " p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                    n, e.getKey(), s.getTotalCount(), produced, delivered,
                    s.getTotalCount() / seconds / Math.max(1, conns.size()),
                    ms(s.getValueAtPercentile(50)), ms(s.getValueAtPercentile(99)), ms(s.getMaxValue()));
        }
        close(conns);
        Thread.sleep(1000); // let the server drop the subscriptions before the next level
    }

    /** Clock ticks to percent of one core over the given seconds (USER_HZ is 100 on Linux). */
    private static double pct(long ticks, double seconds) {
        return ticks / 100.0 / seconds * 100;
    }

    /** utime+stime of the server and of this process, and busy time of the whole machine, in clock ticks. */
    private static long[] cpuTicks() {
        String pid = System.getProperty("ws.serverPid");
        if (pid == null) {
            return null;
        }
        try {
            long server = procTicks(Files.readString(Path.of("/proc", pid, "stat")));
            long self = procTicks(Files.readString(Path.of("/proc/self/stat")));
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 7; i++) { // user nice system idle iowait irq softirq
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new long[]{ server, self, busy };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long procTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * async-profiler in the server, loaded through the JDK's attach API (jcmd's own agent_load cannot pass the
     * profiler's name=value options). Samples CPU time with interval timers, which need no perf events.
     */
    private record ServerProfile(String pid, String lib, Path dir) {

        static ServerProfile start() {
            String pid = System.getProperty("ws.serverPid");
            String lib = System.getProperty("ws.profiler");
            String dir = System.getProperty("ws.profileDir");
            if (pid == null || lib == null || dir == null) {
                return null;
            }
            ServerProfile profile = new ServerProfile(pid, lib, Path.of(dir));
            try {
                profile.command("start,event=itimer,interval=5ms,threads");
                return profile;
            } catch (Exception e) {
                System.out.println("WARN server profile not started: " + e);
                return null;
            }
        }

        void command(String command) throws Exception {
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(pid);
            try {
                vm.loadAgentPath(lib, command);
            } finally {
                vm.detach();
            }
        }

        /** Stops the profiler; returns the RESULT line, or null where there is none. */
        String stopAndReport(int level) {
            Path file = dir.resolve("ws-" + level + ".collapsed");
            try {
                command("stop,file=" + file.toAbsolutePath() + ",collapsed,threads");
                return report(level, Files.readAllLines(file));
            } catch (Exception e) {
                System.out.println("WARN server profile not written: " + e);
                return null;
            }
        }

        /** Where the server's CPU time went, by thread, and within the event loops by what they did. */
        static String report(int level, List<String> stacks) {
            long total = 0;
            Map<String, Long> byThread = new TreeMap<>();
            long loops = 0;
            long writes = 0;
            long reads = 0;
            long fanOut = 0;
            for (String line : stacks) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long n = Long.parseLong(line.substring(space + 1).trim());
                String stack = line.substring(0, space);
                String thread = stack.substring(0, Math.max(0, stack.indexOf(';')));
                total += n;
                byThread.merge(threadGroup(thread), n, Long::sum);
                if (thread.contains("eventloop")) {
                    loops += n;
                    // The JDK's transport (SocketDispatcher) or Netty's epoll (FileDescriptor.write/writev...).
                    if (stack.contains("SocketDispatcher.write") || stack.contains("unix/FileDescriptor.write")) {
                        writes += n;
                    } else if (stack.contains("SocketDispatcher.read") || stack.contains("doReadBytes")
                            || stack.contains("unix/FileDescriptor.read")) {
                        reads += n;
                    }
                    if (stack.contains("io/vigil/ws/")) {
                        fanOut += n;
                    }
                }
            }
            StringBuilder out = new StringBuilder("RESULT level=" + level + " profile samples=" + total);
            for (Map.Entry<String, Long> e : byThread.entrySet()) {
                out.append(' ').append(e.getKey()).append("_pct=").append(pct(e.getValue(), total));
            }
            out.append(" eventloops_in_fanout_pct=").append(pct(fanOut, loops))
                    .append(" eventloops_in_socket_writes_pct=").append(pct(writes, loops))
                    .append(" eventloops_in_socket_reads_pct=").append(pct(reads, loops));
            return out.toString();
        }

        static String threadGroup(String thread) {
            if (thread.contains("eventloop")) {
                return "eventloops";
            }
            if (thread.contains("Compiler")) {
                return "jit";
            }
            if (thread.contains("VM Thread") || thread.contains("GC Thread") || thread.contains("VM Periodic")) {
                return "gc_vm";
            }
            if (thread.contains("executor-thread")) {
                return "workers";
            }
            return "other";
        }

        static long pct(long part, long whole) {
            return whole == 0 ? 0 : Math.round(100.0 * part / whole);
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private List<Conn> open(URI uri, int n) throws Exception {
        CountDownLatch snapshots = new CountDownLatch(n);
        CountDownLatch opened = new CountDownLatch(n);
        List<Conn> conns = new ArrayList<>(n);
        // A bounded number of handshakes in flight: 10,000 at once would only time out on 2 cores.
        Semaphore inFlight = new Semaphore(Integer.getInteger("ws.inflight", 50));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < n; i++) {
            Conn conn = new Conn(snapshots);
            conns.add(conn);
            inFlight.acquire();
            Future<WebSocket> f = client.connect(options);
            f.onComplete(result -> {
                inFlight.release();
                if (result.succeeded()) {
                    conn.attach(result.result());
                } else {
                    if (failed.incrementAndGet() == 1) {
                        System.out.println("WARN connection failed: " + result.cause());
                    }
                    conn.failed();
                }
                opened.countDown();
                long done = n - opened.getCount();
                if (done % 1000 == 0) {
                    System.out.println("PROGRESS opened " + done + " of " + n);
                }
            });
        }
        opened.await(120, TimeUnit.SECONDS);
        if (!snapshots.await(120, TimeUnit.SECONDS)) {
            System.out.println("WARN not every connection got a snapshot within 120 s: " + snapshots.getCount() + " missing");
        }
        if (failed.get() > 0) {
            System.out.println("WARN " + failed.get() + " of " + n + " connections failed");
        }
        conns.removeIf(c -> c.ws == null);
        return conns;
    }

    private void close(List<Conn> conns) {
        List<Future<Void>> closing = new ArrayList<>();
        for (Conn c : conns) {
            closing.add(c.ws.close((short) 1000, "bye").recover(t -> Future.succeededFuture()));
        }
        try {
            Future.join(closing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("WARN closing: " + e);
        }
    }

    /** Reads the top-level "type", "source" and "ts" of a message; stops as soon as it has all three. */
    private void handle(String text, Instant received, Conn conn) {
        String type = null;
        String source = null;
        String ts = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                unexpected.incrementAndGet();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (field) {
                    case "type" -> type = p.getText();
                    case "source" -> source = p.getText();
                    case "ts" -> ts = p.getText();
                    default -> {
                    }
                }
                if (type != null && source != null && ts != null) {
                    break;
                }
            }
        } catch (IOException e) {
            unexpected.incrementAndGet();
            return;
        }
        typesSeen.computeIfAbsent(String.valueOf(type), k -> new AtomicLong()).incrementAndGet();
        samples.computeIfAbsent(type + "/" + source, k -> text.length() > 300 ? text.substring(0, 300) + "..." : text);
        if ("snapshot".equals(type)) {
            if (!conn.gotSnapshot) {
                conn.gotSnapshot = true;
                conn.snapshots.countDown();
            }
            return;
        }
        if (!"update".equals(type)) {
            if (recording) {
                otherMessages.incrementAndGet();
            }
            return;
        }
        if (!recording) {
            return;
        }
        Instant produced;
        try {
            produced = ts == null ? null : Instant.parse(ts);
        } catch (DateTimeParseException e) {
            produced = null;
        }
        if (produced == null) {
            badTs.incrementAndGet();
            return;
        }
        long micros = Duration.between(produced, received).toNanos() / 1000;
        if (micros < 0) {
            micros = 0; // clocks are the same here; a negative value would be rounding
        }
        if (micros > MAX_US) {
            clamped.incrementAndGet();
            micros = MAX_US;
        }
        updates.incrementAndGet();
        readings.computeIfAbsent(source == null ? "?" : source, k -> ConcurrentHashMap.newKeySet()).add(ts);
        all.recordValue(micros);
        bySource.computeIfAbsent(source == null ? "?" : source, k -> new Recorder(MAX_US, 3)).recordValue(micros);
    }

    private final class Conn {

        final CountDownLatch snapshots;
        volatile WebSocket ws;
        volatile boolean gotSnapshot;

        Conn(CountDownLatch snapshots) {
            this.snapshots = snapshots;
        }

        void attach(WebSocket webSocket) {
            ws = webSocket;
            webSocket.textMessageHandler(text -> handle(text, Instant.now(), this));
            webSocket.exceptionHandler(error -> failed());
            String topics = System.getProperty("ws.topics");
            if (topics != null) {
                // A dashboard that watches one quiet topic: what an idle subscriber costs the server.
                webSocket.writeTextMessage("{\"action\":\"subscribe\",\"topics\":[\"" + topics + "\"]}");
            }
        }

        void failed() {
            if (!gotSnapshot) {
                gotSnapshot = true;
                snapshots.countDown();
            }
        }
    }

    /** Message types over the whole run, and messages that could not be measured. */
    void summary() {
        new TreeMap<>(samples).forEach((k, v) -> System.out.println("SAMPLE " + k + " " + v));
        System.out.println("RESULT types=" + new TreeMap<>(typesSeen) + " bad_ts=" + badTs.get() + " clamped=" + clamped.get()
                + " unparsable=" + unexpected.get());
    }
}
