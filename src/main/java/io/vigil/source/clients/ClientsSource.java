package io.vigil.source.clients;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;

/**
 * Client states the production app keeps in Redis ({@code Clients_status}, {@code blocked_clients},
 * {@code deactivate_clients}), followed through keyspace notifications with a full re-read on every (re)connect and
 * every {@code vigil.clients.resync}, or polled where notifications are not available. Read-only towards Redis,
 * except for switching notifications on when {@code vigil.clients.enable-notifications=true}.
 */
@ApplicationScoped
public class ClientsSource implements MetricSource {

    static final String SOURCE = "clients";

    private final ClientsConfig config;
    private final InjectableInstance<ReactiveRedisDataSource> redis;
    private final String redisUri;

    public ClientsSource(ClientsConfig config, InjectableInstance<ReactiveRedisDataSource> redis,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<List<String>> hosts) {
        this.config = config;
        this.redis = redis;
        this.redisUri = hosts.filter(h -> !h.isEmpty()).map(h -> h.get(0)).orElse(null);
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
        return Multi.createFrom().deferred(() -> {
            // Without hosts (or with quarkus.redis.active=false) there is no client: Vigil runs on, the source is DOWN.
            if (!redis.getHandle().getBean().isActive()) {
                return Multi.createFrom().failure(new IllegalStateException(
                        "Redis is not configured: set quarkus.redis.hosts (or MONITORING_REDIS_HOST)"));
            }
            return new ClientsWatch(redis.get(), config, KeyspaceEvents.database(redisUri),
                    KeyspaceEvents.address(redisUri)).updates();
        });
    }
}
