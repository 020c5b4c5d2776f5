package io.vigil.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Vigil's Redis for the tests: the shared server on localhost:6379, reached through a {@link TcpProxy} so a test can
 * cut the connection for real, in database {@value #DATABASE}, with key names of this run's own so that other test
 * runs on the same server do not see them. Tests write the keys through {@link #direct()}, past the proxy.
 */
public class RedisBehindProxy implements QuarkusTestResourceLifecycleManager {

    public static final int DATABASE = 5;
    static final String SERVER = "redis://localhost:6379/" + DATABASE;

    static volatile RedisBehindProxy current;

    private TcpProxy proxy;
    private ClientKeys keys;

    /** The three watched keys of this run. */
    public record ClientKeys(String status, String blocked, String deactivated) {

        public String[] all() {
            return new String[]{ status, blocked, deactivated };
        }
    }

    @Override
    public Map<String, String> start() {
        String prefix = "vigil-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        keys = new ClientKeys(prefix + "Clients_status", prefix + "blocked_clients", prefix + "deactivate_clients");
        proxy = new TcpProxy("localhost", 6379);
        current = this;
        return Map.of("quarkus.redis.hosts", "redis://localhost:" + proxy.port() + "/" + DATABASE,
                "vigil.clients.keys.status", keys.status(),
                "vigil.clients.keys.blocked", keys.blocked(),
                "vigil.clients.keys.deactivated", keys.deactivated());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        // Notifications stay as Vigil enabled them: other runs may rely on them, and they cost nothing here.
        try (DirectRedis redis = new DirectRedis(SERVER)) {
            redis.del(keys.all());
        }
    }

    public static TcpProxy proxy() {
        return get().proxy;
    }

    public static ClientKeys keys() {
        return get().keys;
    }

    /** A connection of the test's own to the server behind the proxy, in the same database as Vigil's. */
    public static DirectRedis direct() {
        get();
        return new DirectRedis(SERVER);
    }

    private static RedisBehindProxy get() {
        RedisBehindProxy r = current;
        if (r == null) {
            throw new IllegalStateException("the Redis test resource was started in another class loader");
        }
        return r;
    }
}
