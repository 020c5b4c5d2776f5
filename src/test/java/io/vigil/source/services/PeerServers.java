package io.vigil.source.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Real peers on loopback for the services tests: one that answers 200 with a JSON body, one that answers 500, one
 * that accepts connections and never answers, one that closes every connection at once, and an https one whose
 * self-signed certificate (made by the JDK's keytool) expires in 5 days.
 */
final class PeerServers implements AutoCloseable {

    final int ok;
    final int error;
    final int hanging;
    final int closing;
    final int tls;
    final AtomicInteger okRequests = new AtomicInteger();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    PeerServers(Path workDir) throws Exception {
        ok = http(HttpServer.create(loopback(), 0), exchange -> {
            okRequests.incrementAndGet();
            answer(exchange, 200, "{\"status\":\"UP\",\"checks\":[{\"state\":\"green\"}]}");
        });
        error = http(HttpServer.create(loopback(), 0), exchange -> answer(exchange, 500, "{\"status\":\"DOWN\"}"));
        hanging = raw(socket -> held.add(socket));
        closing = raw(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // closed either way
            }
        });
        HttpsServer https = HttpsServer.create(loopback(), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(workDir)));
        tls = http(https, exchange -> answer(exchange, 200, "ok"));
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private interface Handler {

        void handle(HttpExchange exchange) throws IOException;
    }

    private interface Accepted {

        void accept(Socket socket);
    }

    private int http(HttpServer server, Handler handler) {
        server.createContext("/", exchange -> {
            try (exchange) {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                handler.handle(exchange);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private int raw(Accepted accepted) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.accept(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A key pair for localhost, valid for 5 days from now, made as an operator would: with keytool. */
    private static SSLContext sslContext(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Path store = workDir.resolve("peer-" + System.nanoTime() + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "peer", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "5", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** A port nothing listens on (bound, then released). */
    static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
