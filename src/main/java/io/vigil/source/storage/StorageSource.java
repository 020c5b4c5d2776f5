package io.vigil.source.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;
import io.vigil.log.Failures;

/**
 * A MinIO or other S3-compatible server, checked every {@code vigil.storage.interval} on a worker thread (see
 * {@link StoragePoller}). A server that does not answer fails the stream: the hub marks the source DOWN and
 * subscribes again with back-off. Without an endpoint the source is NOT_CONFIGURED; it is optional by default, so
 * neither state touches Vigil's readiness. Read-only: Vigil lists and heads, it never writes.
 */
@ApplicationScoped
public class StorageSource implements MetricSource {

    static final String SOURCE = StoragePoller.SOURCE;
    static final String NOT_CONFIGURED = "no storage server configured: set vigil.storage.endpoint (or MONITORING_MINIO_ENDPOINT)"
            + " and read-only credentials (vigil.storage.access-key/secret-key or MONITORING_MINIO_ACCESS_KEY/SECRET_KEY)";

    private final StorageConfig config;

    public StorageSource(StorageConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return config.optional();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        if (config.endpoint().filter(e -> !e.isBlank()).isEmpty()) {
            return ticks().map(tick -> {
                Instant now = Instant.now();
                return SourceUpdate.notConfigured(SOURCE, now,
                        new StorageSnapshot(false, null, null, List.of(), null, List.of(), now), NOT_CONFIGURED);
            });
        }
        return Multi.createFrom().resource(this::poller, poller -> ticks()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(() -> check(poller))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                .withFinalizer(StoragePoller::close);
    }

    private Multi<Long> ticks() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(config.interval()).onOverflow().drop();
    }

    private StoragePoller poller() {
        StorageEndpoint endpoint = StorageEndpoint.parse(config.endpoint().orElseThrow(), config.secure());
        MinioStore store = new MinioStore(endpoint, config.accessKey().orElse(null), config.secretKey().orElse(null),
                config.region().orElse(null), config.timeout(), config.inventory().serverUsage());
        return new StoragePoller(store, endpoint, StoragePoller.Settings.of(config), Clock.systemUTC());
    }

    private static SourceUpdate check(StoragePoller poller) {
        try {
            return poller.poll();
        } catch (Exception e) {
            // MinIO's client wraps what went wrong (connection refused, access denied) in its own exceptions.
            throw new IllegalStateException("storage at " + poller.endpoint() + " cannot be read: " + Failures.describe(e), e);
        }
    }
}
