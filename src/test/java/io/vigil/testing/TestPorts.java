package io.vigil.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Ports free when the test run starts, chosen once per JVM (kept as system properties, which every class loader sees),
 * so the application's configuration and the tests agree on them: {@code vigil.test.http-port}, where
 * {@link TestHttpServer} listens and the test profile's webhook receivers send, and {@code vigil.test.issuer-port},
 * where {@link JwtIssuer} publishes its keys.
 */
public class TestPorts implements ConfigSource {

    public static final String HTTP_PORT = "vigil.test.http-port";
    public static final String ISSUER_PORT = "vigil.test.issuer-port";
    private static final Set<String> NAMES = Set.of(HTTP_PORT, ISSUER_PORT);

    public static int httpPort() {
        return port(HTTP_PORT);
    }

    public static int issuerPort() {
        return port(ISSUER_PORT);
    }

    private static synchronized int port(String name) {
        String port = System.getProperty(name);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException("no free port for " + name, e);
            }
            System.setProperty(name, port);
        }
        return Integer.parseInt(port);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(HTTP_PORT, Integer.toString(httpPort()), ISSUER_PORT, Integer.toString(issuerPort()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String name) {
        return NAMES.contains(name) ? Integer.toString(port(name)) : null;
    }

    @Override
    public String getName() {
        return "vigil-test-ports";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
