import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

/**
 * Load for the pipelines benchmark (bench/pipelines.sh): publishes N pipeline results to a topic exchange and times how
 * fast a consumer takes them, Vigil or RabbitMQ PerfTest, both timed the same way.
 *
 * Every message is the same size: {"pipeline","request_id","status":"success","ingest_ts","processed_ts","client_id"}
 * with a distinct request_id (UUID text) and ISO-8601 timestamps with milliseconds (as the demo's pipelines send them).
 * Publishing uses publisher confirms with at most WINDOW unconfirmed messages, on one connection and channel.
 *
 * Two ways to time a consumer (MODE):
 *   live   publishing and consuming at the same time: from the first publish to the N-th message consumed
 *   drain  the queue is filled with N messages first, then the consumer empties it: from the moment it may start
 *          (Vigil: SIGCONT; PerfTest: it prints that it starts its consumer) to the N-th message consumed
 *
 * Modes (AMQP URI first):
 *   body                                      prints one message body and its size
 *   vigil MODE URI EXCHANGE N BASE_URL PIPELINE PID TIMEOUT_S
 *       waits (at most 120 s) until Vigil's results stream for PIPELINE is consuming, then publishes N and polls
 *       BASE_URL/api/v1/metrics/pipelines every 200 ms until the pipeline's count has grown by N. In drain mode, Vigil
 *       (PID) is stopped with SIGSTOP while its queue fills, so it keeps its connection and its exclusive queue but
 *       takes nothing (beyond the prefetch already sent), and continued with SIGCONT once every message is confirmed
 *   perftest MODE URI EXCHANGE QUEUE N MAXLEN TIMEOUT_S PERFTEST_CMD...
 *       declares QUEUE (non-durable, x-max-length MAXLEN) bound with '#' to EXCHANGE and starts PERFTEST_CMD (a
 *       PerfTest consumer on QUEUE that stops after N messages): in live mode first, then publishes N once its
 *       consumer is on the queue; in drain mode after N are published and confirmed. The N-th message is taken as
 *       consumed when PerfTest prints that it stopped
 *   declare URI EXCHANGE                      declares the topic exchange (non-durable)
 *   delete URI EXCHANGE|- [QUEUE...]          deletes the queues and the exchange (missing ones are fine)
 * Output: human-readable lines, plus "RESULT key=value" lines for the harness.
 */
public class PipelinesLoad {

    static final int WINDOW = 2000;
    static final long POLL_MS = 200;
    static final DateTimeFormatter ISO_MS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "body" -> {
                byte[] b = new Bodies("bench").next();
                System.out.println(new String(b, StandardCharsets.UTF_8));
                result("body_bytes", b.length);
            }
            case "declare" -> {
                try (Connection c = connect(args[1]); Channel ch = c.createChannel()) {
                    ch.exchangeDeclare(args[2], "topic", false, false, null);
                }
            }
            case "delete" -> delete(args[1], args[2], List.of(args).subList(3, args.length));
            case "vigil" -> vigil(drain(args[1]), args[2], args[3], Long.parseLong(args[4]), args[5], args[6],
                    Long.parseLong(args[7]), Long.parseLong(args[8]));
            case "perftest" -> perftest(drain(args[1]), args[2], args[3], args[4], Long.parseLong(args[5]),
                    Integer.parseInt(args[6]), Long.parseLong(args[7]), List.of(args).subList(8, args.length));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static boolean drain(String mode) {
        return switch (mode) {
            case "live" -> false;
            case "drain" -> true;
            default -> throw new IllegalArgumentException("mode must be live or drain, got " + mode);
        };
    }

    // --- Vigil ---------------------------------------------------------------------------------------------------

    static void vigil(boolean drain, String uri, String exchange, long n, String baseUrl, String pipeline, long pid,
            long timeoutS) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        URI endpoint = URI.create(baseUrl + "/api/v1/metrics/pipelines");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(timeoutS, 120));
        JsonNode snap = null;
        while (System.nanoTime() < deadline) {
            snap = get(http, json, endpoint);
            if (snap != null && "consuming".equals(streamState(snap, "results." + pipeline))) {
                break;
            }
            Thread.sleep(POLL_MS);
        }
        if (snap == null || !"consuming".equals(streamState(snap, "results." + pipeline))) {
            throw new IllegalStateException("Vigil's stream results." + pipeline + " is not consuming: "
                    + (snap == null ? "no answer" : snap.path("data").path("streams")));
        }
        long before = count(snap, pipeline);
        Map<String, Long> rejectedBefore = rejected(snap);
        System.out.println("Vigil is consuming results." + pipeline + "; count before " + before);

        CpuMeter cpu = new CpuMeter(pid);
        Publisher publisher = new Publisher(uri, exchange, pipeline, n);
        long t0;
        if (drain) {
            signal("STOP", pid);
            try {
                publisher.start();
                publisher.awaitFirst();
                publisher.join();
                if (publisher.failure != null) {
                    throw new IllegalStateException("publisher failed", publisher.failure);
                }
            } finally {
                cpu.start();
                t0 = System.nanoTime();
                signal("CONT", pid);
            }
            System.out.println("queue filled with " + publisher.confirmed.get() + " messages; Vigil continued");
        } else {
            cpu.start();
            publisher.start();
            t0 = publisher.awaitFirst();
        }
        long reachedAt = 0;
        long last = before;
        List<String> progress = new ArrayList<>();
        long nextProgress = t0 + 5_000_000_000L;
        deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutS);
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
            snap = get(http, json, endpoint);
            if (snap == null) {
                continue;
            }
            last = count(snap, pipeline);
            long now = System.nanoTime();
            if (last - before >= n) {
                reachedAt = now;
                break;
            }
            if (now >= nextProgress) {
                progress.add(String.format("%.0fs:%d", (now - t0) / 1e9, last - before));
                nextProgress += 5_000_000_000L;
            }
        }
        cpu.sample();
        publisher.join();
        long end = reachedAt != 0 ? reachedAt : System.nanoTime();
        double seconds = (end - t0) / 1e9;
        long done = last - before;
        System.out.println("progress " + String.join(" ", progress));
        publisher.report();
        result("reached", reachedAt != 0 ? "yes" : "no");
        result("accounted", done);
        result("seconds", fmt(seconds));
        result("rate", fmt(done / seconds));
        cpu.report();
        Map<String, Long> rejectedAfter = rejected(snap);
        long rejectedDelta = 0;
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, Long> e : rejectedAfter.entrySet()) {
            long d = e.getValue() - rejectedBefore.getOrDefault(e.getKey(), 0L);
            rejectedDelta += d;
            if (d != 0) {
                reasons.append(e.getKey()).append(':').append(d).append(',');
            }
        }
        result("rejected", rejectedDelta);
        result("rejected_reasons", reasons.length() == 0 ? "none" : reasons.substring(0, reasons.length() - 1));
        JsonNode p = snap.path("data").path("pipelines").path(pipeline);
        result("vigil_errors", p.path("errors").asLong());
        result("vigil_latency_p50_s", p.path("latency_seconds").path("p50").asText());
    }

    static JsonNode get(HttpClient http, ObjectMapper json, URI uri) {
        try {
            // The API needs a token: the script starts Vigil with this one as its initial admin token.
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + System.getProperty("bench.token", "")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? json.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String streamState(JsonNode snap, String stream) {
        for (JsonNode s : snap.path("data").path("streams")) {
            if (stream.equals(s.path("stream").asText())) {
                return s.path("state").asText();
            }
        }
        return null;
    }

    static long count(JsonNode snap, String pipeline) {
        return snap.path("data").path("pipelines").path(pipeline).path("count").asLong();
    }

    static Map<String, Long> rejected(JsonNode snap) {
        Map<String, Long> out = new java.util.TreeMap<>();
        JsonNode r = snap.path("data").path("rejected");
        r.fieldNames().forEachRemaining(k -> out.put(k, r.get(k).asLong()));
        return out;
    }

    // --- PerfTest ------------------------------------------------------------------------------------------------

    static void perftest(boolean drain, String uri, String exchange, String queue, long n, int maxLength, long timeoutS,
            List<String> command) throws Exception {
        try (Connection c = connect(uri); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, "topic", false, false, null);
            ch.queueDeclare(queue, false, false, false, Map.of("x-max-length", maxLength));
            ch.queueBind(queue, exchange, "#");
        }
        Publisher publisher = new Publisher(uri, exchange, "bench", n);
        if (drain) {
            publisher.start();
            publisher.awaitFirst();
            publisher.join();
            if (publisher.failure != null) {
                throw new IllegalStateException("publisher failed", publisher.failure);
            }
            System.out.println("queue filled with " + publisher.confirmed.get() + " messages; starting PerfTest");
        }
        Process pt = new ProcessBuilder(command).redirectErrorStream(true).start();
        long pid = pt.pid();
        AtomicLong stoppedAt = new AtomicLong();
        AtomicLong consumerStartedAt = new AtomicLong();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(pt.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    // PerfTest stops its consumers as soon as they reached --cmessages, then prints "test stopped".
                    if (consumerStartedAt.get() == 0 && line.contains("starting consumer #0, channel #0")) {
                        consumerStartedAt.set(System.nanoTime());
                    }
                    if (stoppedAt.get() == 0 && line.contains("test stopped")) {
                        stoppedAt.set(System.nanoTime());
                    }
                    lines.add(line);
                    System.out.println("perftest| " + line);
                }
            } catch (IOException e) {
                System.out.println("perftest output: " + e);
            }
        }, "perftest-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = connect(uri); Channel ch = c.createChannel()) {
            while (ch.queueDeclarePassive(queue).getConsumerCount() < 1) {
                if (System.nanoTime() > deadline || !pt.isAlive()) {
                    pt.destroy();
                    throw new IllegalStateException("PerfTest's consumer did not come up on " + queue);
                }
                Thread.sleep(50);
            }
        }
        System.out.println("PerfTest is consuming " + queue);
        CpuMeter cpu = new CpuMeter(pid);
        cpu.start();
        long t0;
        if (drain) {
            // PerfTest prints this line just before it subscribes; the queue is full, so it takes messages at once.
            t0 = consumerStartedAt.get() != 0 ? consumerStartedAt.get() : System.nanoTime();
        } else {
            publisher.start();
            t0 = publisher.awaitFirst();
        }
        deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutS);
        while (stoppedAt.get() == 0 && pt.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            cpu.sample();
        }
        publisher.join();
        if (!pt.waitFor(30, TimeUnit.SECONDS)) {
            pt.destroy();
        }
        reader.join(5000);
        long end = stoppedAt.get() != 0 ? stoppedAt.get() : System.nanoTime();
        double seconds = (end - t0) / 1e9;
        publisher.report();
        result("reached", stoppedAt.get() != 0 ? "yes" : "no");
        result("seconds", fmt(seconds));
        result("rate", fmt(n / seconds));
        cpu.report();
        // PerfTest's own figure: "receiving rate avg: X msg/s" in its summary.
        for (String line : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("receiving rate avg: ([0-9]+) msg/s").matcher(line);
            if (m.find()) {
                result("perftest_receive_avg", m.group(1));
            }
        }
        result("perftest_exit", pt.exitValue());
    }

    // --- publishing ----------------------------------------------------------------------------------------------

    /** One publisher thread with confirms; at most WINDOW messages unconfirmed. */
    static final class Publisher extends Thread {

        final String uri;
        final String exchange;
        final String pipeline;
        final long n;
        final AtomicLong confirmed = new AtomicLong();
        final AtomicLong nacked = new AtomicLong();
        final java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        volatile long firstAt;
        volatile long lastConfirm;
        volatile Throwable failure;

        Publisher(String uri, String exchange, String pipeline, long n) {
            super("publisher");
            this.uri = uri;
            this.exchange = exchange;
            this.pipeline = pipeline;
            this.n = n;
            setDaemon(true);
        }

        void report() {
            double s = (lastConfirm - firstAt) / 1e9;
            result("published", confirmed.get());
            result("nacked", nacked.get());
            result("publish_s", fmt(s));
            result("publish_rate", fmt(confirmed.get() / s));
        }

        long awaitFirst() throws InterruptedException {
            first.await();
            if (failure != null) {
                throw new IllegalStateException("publisher failed", failure);
            }
            return firstAt;
        }

        @Override
        public void run() {
            try (Connection c = connect(uri); Channel ch = c.createChannel()) {
                ch.confirmSelect();
                Semaphore window = new Semaphore(WINDOW);
                ConcurrentSkipListSet<Long> outstanding = new ConcurrentSkipListSet<>();
                ConfirmListener listener = new ConfirmListener() {

                    @Override
                    public void handleAck(long tag, boolean multiple) {
                        settle(tag, multiple, false);
                    }

                    @Override
                    public void handleNack(long tag, boolean multiple) {
                        settle(tag, multiple, true);
                    }

                    private void settle(long tag, boolean multiple, boolean nack) {
                        int k = 0;
                        if (multiple) {
                            var head = outstanding.headSet(tag, true);
                            while (head.pollFirst() != null) {
                                k++;
                            }
                        } else if (outstanding.remove(tag)) {
                            k = 1;
                        }
                        (nack ? nacked : confirmed).addAndGet(k);
                        lastConfirm = System.nanoTime();
                        window.release(k);
                    }
                };
                ch.addConfirmListener(listener);
                Bodies bodies = new Bodies(pipeline);
                for (long i = 0; i < n; i++) {
                    window.acquire();
                    outstanding.add(ch.getNextPublishSeqNo());
                    if (i == 0) {
                        firstAt = System.nanoTime();
                    }
                    ch.basicPublish(exchange, "result." + pipeline, MessageProperties.MINIMAL_BASIC, bodies.next());
                    if (i == 0) {
                        first.countDown();
                    }
                }
                if (!window.tryAcquire(WINDOW, 120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("confirms missing: " + outstanding.size());
                }
            } catch (Throwable t) {
                failure = t;
                System.out.println("publisher failed: " + t);
            } finally {
                first.countDown();
            }
        }
    }

    /** Message bodies of one fixed size with a distinct request_id each. */
    static final class Bodies {

        final String pipeline;
        long seq;
        String ts;
        String ingest;
        long tsAt = Long.MIN_VALUE;

        Bodies(String pipeline) {
            this.pipeline = pipeline;
        }

        byte[] next() {
            long now = System.currentTimeMillis();
            if (now != tsAt) {
                tsAt = now;
                ts = ISO_MS.format(Instant.ofEpochMilli(now));
                ingest = ISO_MS.format(Instant.ofEpochMilli(now - 120));
            }
            long s = seq++;
            String id = String.format("%08x-0000-4000-8000-%012x", (int) (s >>> 48), s & 0xFFFFFFFFFFFFL);
            return ("{\"pipeline\":\"" + pipeline + "\",\"request_id\":\"" + id + "\",\"status\":\"success\",\"ingest_ts\":\""
                    + ingest + "\",\"processed_ts\":\"" + ts + "\",\"client_id\":\"client-007\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static void signal(String signal, long pid) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    static Connection connect(String uri) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        return f.newConnection("vigil bench load");
    }

    static void delete(String uri, String exchange, List<String> queues) throws Exception {
        try (Connection c = connect(uri)) {
            for (String q : queues) {
                try (Channel ch = c.createChannel()) {
                    ch.queueDelete(q);
                } catch (IOException | RuntimeException e) {
                    // already gone
                }
            }
            if (exchange.equals("-")) {
                return;
            }
            try (Channel ch = c.createChannel()) {
                ch.exchangeDelete(exchange);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    /**
     * CPU use over an interval, from /proc: the consumer (Vigil or PerfTest), the broker (-Dbench.brokerPid, when it
     * runs on this machine), this program (the publisher and the poller) and the whole machine.
     */
    static final class CpuMeter {

        final long consumerPid;
        final long brokerPid = Long.getLong("bench.brokerPid", 0L);
        final long selfPid = ProcessHandle.current().pid();
        final long clkTck = Long.getLong("bench.clkTck", 100L);
        long c0, b0, s0, m0, t0;
        long c1, b1, s1, m1, t1;

        CpuMeter(long consumerPid) {
            this.consumerPid = consumerPid;
        }

        void start() {
            c0 = c1 = ticks(consumerPid);
            b0 = b1 = ticks(brokerPid);
            s0 = s1 = ticks(selfPid);
            m0 = m1 = machineBusy();
            t0 = t1 = System.nanoTime();
        }

        /** Takes the end readings; a process that has exited keeps its last ones. */
        void sample() {
            long c = ticks(consumerPid);
            if (c >= 0) {
                c1 = c;
            }
            b1 = ticks(brokerPid);
            s1 = ticks(selfPid);
            m1 = machineBusy();
            t1 = System.nanoTime();
        }

        void report() {
            double s = (t1 - t0) / 1e9;
            result("consumer_cpu_pct", pct(c1 - c0, s));
            result("broker_cpu_pct", brokerPid > 0 ? pct(b1 - b0, s) : "n/a");
            result("loader_cpu_pct", pct(s1 - s0, s));
            result("machine_busy_pct", pct(m1 - m0, s));
        }

        String pct(long ticks, double seconds) {
            return seconds <= 0 ? "n/a" : fmt(100.0 * ticks / clkTck / seconds);
        }

        static long ticks(long pid) {
            if (pid <= 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Busy ticks of all cores (user, nice, system, irq, softirq). */
        static long machineBusy() {
            try {
                String[] m = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return Long.parseLong(m[1]) + Long.parseLong(m[2]) + Long.parseLong(m[3]) + Long.parseLong(m[6])
                        + Long.parseLong(m[7]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
