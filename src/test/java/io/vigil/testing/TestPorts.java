package io.vigil.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@code vigil.test.http-port}: a port free when the test run starts, where {@link TestHttpServer} listens and the
 * test profile's webhook receivers send. Chosen once per JVM (kept as a system property, which every class loader
 * sees), so the application's configuration and the tests agree on it.
 */
public class TestPorts implements ConfigSource {

    public static final String HTTP_PORT = "vigil.test.http-port";

    public static synchronized int httpPort() {
        String port = System.getProperty(HTTP_PORT);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException("no free port for the test HTTP server", e);
            }
            System.setProperty(HTTP_PORT, port);
        }
        return Integer.parseInt(port);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(HTTP_PORT, Integer.toString(httpPort()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(HTTP_PORT);
    }

    @Override
    public String getValue(String name) {
        return HTTP_PORT.equals(name) ? Integer.toString(httpPort()) : null;
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
