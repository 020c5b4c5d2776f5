package io.vigil.services;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vigil.hub.view.ServiceTarget;
import io.vigil.hub.view.ServicesView;
import io.vigil.lifecycle.Started;
import io.vigil.web.ProblemException;

/**
 * Every peer service Vigil checks, from three places: configuration ({@code vigil.services."name".*} and the older
 * monitors' {@code SERVICE_URLS}), the API (stored), and the demo (in memory). The services source reads the merged
 * list through {@link ServicesView}; it is an immutable list replaced whole on every change.
 */
@ApplicationScoped
public class ServiceTargetRegistry implements ServicesView {

    private static final Logger LOG = Logger.getLogger(ServiceTargetRegistry.class);

    private final ServicesConfig config;
    private final Optional<List<String>> serviceUrls;
    private final ServiceTargetStore store;
    private final Map<String, ServiceTarget> inMemory = new ConcurrentHashMap<>();
    private volatile List<ServiceTarget> configured = List.of();
    private volatile List<ServiceTarget> stored = List.of();
    private volatile List<ServiceTarget> all = List.of();

    public ServiceTargetRegistry(ServicesConfig config,
            @ConfigProperty(name = "vigil.service-urls") Optional<List<String>> serviceUrls,
            ServiceTargetStore store) {
        this.config = config;
        this.serviceUrls = serviceUrls;
        this.store = store;
    }

    /** After the schema migration, before the hub subscribes to the sources. */
    void load(@Observes @Priority(1200) Started event) {
        configured = fromConfig(config, serviceUrls.orElse(List.of()));
        stored = store.all();
        merge();
        LOG.infof("Checking %d peer services (%d from configuration, %d from the API)", all.size(), configured.size(),
                stored.size());
    }

    @Override
    public List<ServiceTarget> targets() {
        return all;
    }

    public Optional<ServiceTarget> get(String name) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Stores a target made over the API. Blocking. */
    public synchronized ServiceTarget create(ServiceTarget target) {
        if (get(target.name()).isPresent()) {
            throw ProblemException.conflict("A service named " + target.name() + " exists already");
        }
        store.insert(target);
        stored = store.all();
        merge();
        return target;
    }

    /** Replaces a target made over the API; one from configuration or the demo is not the API's to change. Blocking. */
    public synchronized Optional<ServiceTarget> update(ServiceTarget target) {
        Optional<ServiceTarget> existing = get(target.name());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        requireApiOrigin(existing.get());
        store.update(target);
        stored = store.all();
        merge();
        return Optional.of(target);
    }

    /** Blocking. */
    public synchronized boolean delete(String name) {
        Optional<ServiceTarget> existing = get(name);
        if (existing.isEmpty()) {
            return false;
        }
        requireApiOrigin(existing.get());
        store.delete(name);
        stored = store.all();
        merge();
        return true;
    }

    /** A target that lives as long as this process (the demo's), never stored. */
    public synchronized void register(ServiceTarget target) {
        inMemory.put(target.name(), target);
        merge();
    }

    private static void requireApiOrigin(ServiceTarget target) {
        if (!ServiceTargetStore.ORIGIN.equals(target.origin())) {
            throw ProblemException.conflict("The service " + target.name() + " is defined by " + target.origin()
                    + ", not over the API; change it there");
        }
    }

    /** Configuration first, then the API's, then the demo's; a later one with a name already taken is left out. */
    private synchronized void merge() {
        Map<String, ServiceTarget> merged = new LinkedHashMap<>();
        configured.forEach(t -> merged.putIfAbsent(t.name(), t));
        stored.forEach(t -> merged.putIfAbsent(t.name(), t));
        inMemory.values().forEach(t -> merged.putIfAbsent(t.name(), t));
        all = List.copyOf(merged.values());
    }

    /**
     * The targets configuration defines.
     *
     * @param serviceUrls entries {@code name=url}, or bare URLs named after their host and port
     * @throws IllegalStateException naming the property that is wrong
     */
    static List<ServiceTarget> fromConfig(ServicesConfig config, List<String> serviceUrls) {
        List<ServiceTarget> out = new ArrayList<>();
        config.targets().forEach((name, t) -> {
            try {
                out.add(ServiceTarget.of(name, t.url(), t.method().orElse(null), t.headers(),
                        t.interval().orElse(TargetDefaults.INTERVAL), t.timeout().orElse(TargetDefaults.TIMEOUT),
                        t.expectedStatus().orElse(null), t.bodyContains().orElse(null), t.jsonPath().orElse(null),
                        t.jsonValue().orElse(null), t.maxResponseTime().orElse(null), t.insecure(), "config"));
            } catch (ServiceTarget.Invalid e) {
                throw new IllegalStateException("vigil.services.\"" + name + "\"." + e.field().replace('_', '-') + ": "
                        + e.getMessage().substring(e.field().length() + 2), e);
            }
        });
        for (String entry : serviceUrls) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String url = (eq < 0 ? entry : entry.substring(eq + 1)).trim();
            String name = eq < 0 ? nameOf(url) : entry.substring(0, eq).trim();
            try {
                out.add(ServiceTarget.of(name, url, null, Map.of(), TargetDefaults.INTERVAL, TargetDefaults.TIMEOUT, null, null,
                        null, null, null, false, "config"));
            } catch (ServiceTarget.Invalid e) {
                throw new IllegalStateException("vigil.service-urls (SERVICE_URLS) entry '" + entry + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String nameOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + (uri.getPort() < 0 ? "" : "-" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
