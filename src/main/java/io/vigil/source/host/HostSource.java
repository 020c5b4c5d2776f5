package io.vigil.source.host;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;

import oshi.SystemInfo;

/** The host, read every {@code vigil.host.interval} on a worker thread (see {@link HostSampler}). */
@ApplicationScoped
public class HostSource implements MetricSource {

    private final HostConfig config;

    public HostSource(HostConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return HostSampler.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        // OSHI's first calls enumerate hardware and may take a while: do them off the caller's thread too.
        return Uni.createFrom().item(() -> new HostSampler(new SystemInfo(), config))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(sampler -> Multi.createFrom().ticks().startingAfter(Duration.ofMillis(200))
                        .every(config.interval())
                        .onOverflow().drop()
                        .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(sampler::sample)
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                        .onTermination().invoke(sampler::close));
    }
}
