package io.vigil.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.log.LogSafe;
import io.vigil.source.clients.ClientsConfig;

/**
 * A pretend production app for the demo: it flips client states in Redis the way the server manager does (HSET of
 * {@code Clients_status}, SADD/SREM of {@code blocked_clients} and {@code deactivate_clients}), so the clients source
 * reads them like any production data. Where Redis is not reachable it logs once and tries again on the next tick.
 * Only with {@code vigil.demo=true}: Vigil itself never writes the keys it watches.
 */
@ApplicationScoped
public class ClientSimulator {

    private static final Logger LOG = Logger.getLogger(ClientSimulator.class);
    static final List<String> CLIENTS = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("client-%02d", i)).toList();

    private final InjectableInstance<ReactiveRedisDataSource> redisClient;
    private final ClientsConfig.Keys keys;
    private final Duration timeout;
    private final RandomGenerator random;
    private final Set<String> paused = new TreeSet<>();
    private final Set<String> blocked = new TreeSet<>();
    private final Set<String> deactivated = new TreeSet<>();
    private volatile boolean unreachable;

    public ClientSimulator(InjectableInstance<ReactiveRedisDataSource> redis, ClientsConfig clients) {
        this.redisClient = redis;
        this.keys = clients.keys();
        this.timeout = clients.timeout();
        this.random = RandomGenerator.getDefault();
    }

    /** One change a tick: the first tick marks every client active, later ones pause, block or deactivate one each. */
    @Scheduled(every = "${vigil.demo.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = LabSimulator.DemoOff.class)
    Uni<Void> tick() {
        return Uni.createFrom().deferred(this::step)
                .ifNoItem().after(timeout).fail()
                .invoke(() -> {
                    if (unreachable) {
                        LOG.info("Demo client simulator writes to Redis again");
                    }
                    unreachable = false;
                })
                .onFailure().recoverWithItem(failure -> {
                    if (!unreachable) {
                        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                        LOG.warnf("Demo client simulator cannot write to Redis (%s); it tries again every tick",
                                LogSafe.escape(why));
                    }
                    unreachable = true;
                    return null;
                });
    }

    private Uni<Void> step() {
        ReactiveRedisDataSource redis = redisClient.get();
        return redis.hash(String.class).hlen(keys.status()).chain(n -> n == 0 ? seed(redis) : change(redis));
    }

    /** Every client active, none blocked or deactivated: the start of the demo, and again if Redis was emptied. */
    private Uni<Void> seed(ReactiveRedisDataSource redis) {
        Map<String, String> all = new LinkedHashMap<>();
        CLIENTS.forEach(c -> all.put(c, "active"));
        return redis.key().del(keys.blocked(), keys.deactivated())
                .chain(() -> redis.hash(String.class).hset(keys.status(), all))
                .invoke(this::forget)
                .replaceWithVoid();
    }

    private synchronized Uni<Void> change(ReactiveRedisDataSource redis) {
        String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
        int action = random.nextInt(10);
        if (action < 5) {
            boolean pause = !paused.contains(client);
            return redis.hash(String.class).hset(keys.status(), client, pause ? "paused" : "active")
                    .invoke(() -> toggle(paused, client, pause)).replaceWithVoid();
        }
        return action < 8 ? flip(redis, keys.blocked(), blocked, client) : flip(redis, keys.deactivated(), deactivated, client);
    }

    private Uni<Void> flip(ReactiveRedisDataSource redis, String key, Set<String> members, String client) {
        boolean add = !members.contains(client);
        Uni<Integer> write = add ? redis.set(String.class).sadd(key, client) : redis.set(String.class).srem(key, client);
        return write.invoke(() -> toggle(members, client, add)).replaceWithVoid();
    }

    private synchronized void forget() {
        paused.clear();
        blocked.clear();
        deactivated.clear();
    }

    private synchronized void toggle(Set<String> members, String client, boolean add) {
        if (add) {
            members.add(client);
        } else {
            members.remove(client);
        }
    }
}
