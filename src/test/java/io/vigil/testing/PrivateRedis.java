package io.vigil.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis server of the tests' own, for trying server-wide settings (keyspace notifications off) without disturbing
 * other runs on the shared one. The server is not running when the app starts (an app must start without Redis);
 * a test starts it with {@link #startServer()}. It starts with notifications off and the default key names.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    public static final int DATABASE = 5;

    static volatile PrivateRedis current;

    private int port;
    private RedisServerProcess server;

    @Override
    public Map<String, String> start() {
        port = RedisServerProcess.freePort();
        current = this;
        return Map.of("quarkus.redis.hosts", "redis://localhost:" + port + "/" + DATABASE);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server if it is not running yet. */
    public static void startServer() {
        PrivateRedis r = get();
        synchronized (r) {
            if (r.server == null) {
                r.server = RedisServerProcess.start(r.port, "--notify-keyspace-events", "");
            }
        }
    }

    public static boolean running() {
        return get().server != null;
    }

    public static int port() {
        return get().port;
    }

    public static DirectRedis direct() {
        return new DirectRedis("redis://localhost:" + get().port + "/" + DATABASE);
    }

    private static PrivateRedis get() {
        PrivateRedis r = current;
        if (r == null) {
            throw new IllegalStateException("the private Redis test resource was started in another class loader");
        }
        return r;
    }
}
