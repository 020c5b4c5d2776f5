package io.vigil.ws;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Refuses a new dashboard while the heap is nearly full, so that a storm of connections (every browser of a lab
 * reconnecting at once, a load test) gets a 503 and retries later instead of taking Vigil down with an
 * out-of-memory error. Each dashboard holds a few KB, more while it is behind; what it holds is bounded, their
 * number is bounded here. The figure is the old generation after its last collection: what is live, not what
 * waits to be collected. That figure only changes when the old generation is collected, which, once dashboards have
 * left and nothing new comes in, may not happen for hours: while it refuses, the check asks for a collection on a
 * worker thread, at most once per {@code Retry-After}, so that a figure gone stale does not keep refusing.
 */
@ApplicationScoped
public class HeapHeadroomCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(HeapHeadroomCheck.class);
    private static final Pattern OLD = Pattern.compile("(?i)\\b(old|tenured)\\b");
    static final String RETRY_AFTER_SECONDS = "30";
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private static final long REFRESH_EVERY_NANOS = Long.parseLong(RETRY_AFTER_SECONDS) * 1_000_000_000L;

    private final int refuseAbovePercent;
    private final IntSupplier percentInUse;
    private final Counter refused;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final Runnable refresh;
    private final long refreshEveryNanos;
    private final AtomicLong lastRefresh;

    @Inject
    public HeapHeadroomCheck(WsConfig config, MeterRegistry registry) {
        this(config.refuseAboveHeapPercent(), oldGeneration()
                .<IntSupplier>map(pool -> () -> percentInUse(pool)).orElse(() -> 0),
                () -> Infrastructure.getDefaultWorkerPool().execute(System::gc), REFRESH_EVERY_NANOS, registry);
    }

    HeapHeadroomCheck(int refuseAbovePercent, IntSupplier percentInUse, Runnable refresh, long refreshEveryNanos,
            MeterRegistry registry) {
        if (refuseAbovePercent < 1 || refuseAbovePercent > 100) {
            throw new IllegalArgumentException(
                    "vigil.ws.refuse-above-heap-percent must be between 1 and 100, was " + refuseAbovePercent);
        }
        this.refuseAbovePercent = refuseAbovePercent;
        this.percentInUse = percentInUse;
        this.refresh = refresh;
        this.refreshEveryNanos = refreshEveryNanos;
        this.lastRefresh = new AtomicLong(System.nanoTime() - refreshEveryNanos);
        this.refused = Counter.builder("vigil.ws.upgrades.refused")
                .description("WebSocket upgrades refused because the heap was nearly full").register(registry);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        int inUse = percentInUse.getAsInt();
        if (refuseAbovePercent >= 100 || inUse < refuseAbovePercent) {
            return CheckResult.permitUpgrade();
        }
        refused.increment();
        long now = System.nanoTime();
        long refreshed = lastRefresh.get();
        if (now - refreshed >= refreshEveryNanos && lastRefresh.compareAndSet(refreshed, now)) {
            refresh.run();
        }
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("New dashboards are refused (503) while the heap is %d%% full after collection (limit %d%%,"
                    + " vigil.ws.refuse-above-heap-percent); %d refused so far", inUse, refuseAbovePercent,
                    (long) refused.count());
        }
        return CheckResult.rejectUpgrade(503, Map.of("Retry-After", List.of(RETRY_AFTER_SECONDS)));
    }

    /** The pool's use after its last collection, in percent of its maximum: 0 before it was ever collected. */
    static int percentInUse(MemoryPoolMXBean pool) {
        MemoryUsage after = pool.getCollectionUsage();
        MemoryUsage now = pool.getUsage();
        if (after == null || now.getMax() <= 0) {
            return 0;
        }
        // What is in use now is never below what is live: G1 frees old regions without updating the other figure.
        long live = Math.min(after.getUsed(), now.getUsed());
        return (int) Math.min(100, live * 100 / now.getMax());
    }

    /**
     * Found once (the JVM's pools do not change), not on every upgrade. The old generation's pool ("Tenured Gen", "G1 Old Gen", "PS Old Gen", ZGC's old generation), else the collected
     * heap pool with the largest maximum (a collector with one pool for the whole heap).
     */
    static Optional<MemoryPoolMXBean> oldGeneration() {
        List<MemoryPoolMXBean> collected = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                        && p.getUsage().getMax() > 0)
                .toList();
        return collected.stream().filter(p -> OLD.matcher(p.getName()).find()).findFirst()
                .or(() -> collected.stream().max(Comparator.comparingLong(p -> p.getUsage().getMax())));
    }
}
