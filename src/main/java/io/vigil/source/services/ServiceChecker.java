package io.vigil.source.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.vigil.hub.view.ServiceTarget;

/**
 * One check of one target, blocking (call it on a worker thread) and bounded by the target's timeout: resolve the
 * host (DNS time), open a TCP connection (connect time) and for {@code https}/{@code tls} shake hands (TLS time, and
 * the certificate's expiry, read whether or not it is trusted). A {@code tcp}/{@code tls} target is then done; an
 * HTTP target is asked its request on Vigil's HTTP client and its answer held against the target's conditions.
 */
final class ServiceChecker {

    private final Clock clock;
    private final int maxBodyBytes;
    private final HttpClient verifying;
    private final HttpClient trusting;
    private final X509ExtendedTrustManager platformTrust;

    ServiceChecker(Clock clock, int maxBodyBytes, Executor executor) {
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.platformTrust = platformTrust();
        // HTTP/1.1: a health check needs no multiplexing, and a cleartext HTTP/2 upgrade confuses some servers.
        this.verifying = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(context(new CapturingTrust(null))).build();
    }

    CheckResult check(ServiceTarget target) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        long deadline = start + target.timeout().toNanos();
        Probe probe = new Probe(target, at);
        try {
            InetAddress address = probe.resolve();
            probe.connect(address, deadline);
            if (!target.http()) {
                return probe.done(null, Duration.ofNanos(System.nanoTime() - start), null);
            }
            return probe.request(deadline);
        } catch (Failed e) {
            return probe.done(null, null, e.getMessage());
        }
    }

    /** A check's failure, said as a person would read it in the dashboard. */
    private static final class Failed extends Exception {

        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** The state of one check as it goes through its phases. */
    private final class Probe {

        final ServiceTarget target;
        final Instant at;
        Duration dns;
        Duration connect;
        Duration tls;
        Instant notAfter;
        Integer status;

        Probe(ServiceTarget target, Instant at) {
            this.target = target;
            this.at = at;
        }

        InetAddress resolve() throws Failed {
            long t0 = System.nanoTime();
            try {
                InetAddress address = InetAddress.getByName(target.url().getHost());
                dns = Duration.ofNanos(System.nanoTime() - t0);
                return address;
            } catch (UnknownHostException e) {
                throw new Failed("cannot resolve " + target.url().getHost());
            }
        }

        void connect(InetAddress address, long deadline) throws Failed {
            long t0 = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, target.port()), remainingMillis(deadline));
                connect = Duration.ofNanos(System.nanoTime() - t0);
                if (target.tls()) {
                    handshake(socket, deadline);
                }
            } catch (SocketTimeoutException e) {
                throw new Failed(connect == null
                        ? "no connection within " + human(target.timeout())
                        : "no TLS handshake within " + human(target.timeout()));
            } catch (IOException e) {
                throw new Failed((connect == null ? "cannot connect: " : "TLS handshake failed: ") + e.getMessage());
            }
        }

        private void handshake(Socket socket, long deadline) throws IOException, Failed {
            long t0 = System.nanoTime();
            CapturingTrust trust = new CapturingTrust(target.insecure() ? null : platformTrust);
            socket.setSoTimeout(remainingMillis(deadline));
            try (SSLSocket ssl = (SSLSocket) context(trust).getSocketFactory().createSocket(socket, target.url().getHost(),
                    target.port(), false)) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                tls = Duration.ofNanos(System.nanoTime() - t0);
            } catch (SSLException e) {
                notAfter = trust.earliestNotAfter;
                throw new Failed("TLS handshake failed: " + e.getMessage());
            }
            notAfter = trust.earliestNotAfter;
        }

        CheckResult request(long deadline) throws Failed {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                    .timeout(Duration.ofMillis(remainingMillis(deadline)))
                    .method(target.method(), HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", "Vigil service check");
            target.headers().forEach(request::setHeader);
            HttpClient client = target.insecure() ? trusting : verifying;
            long t0 = System.nanoTime();
            var pending = client.sendAsync(request.build(), info -> new LimitedBody(maxBodyBytes));
            HttpResponse<byte[]> response;
            try {
                response = pending.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw new Failed("no answer within " + human(target.timeout()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new Failed(cause instanceof HttpTimeoutException
                        ? "no answer within " + human(target.timeout())
                        : "request failed: " + describe(cause));
            }
            Duration responseTime = Duration.ofNanos(System.nanoTime() - t0);
            status = response.statusCode();
            return done(status, responseTime, Conditions.failure(target, status, response.body(), responseTime));
        }

        CheckResult done(Integer code, Duration responseTime, String error) {
            return new CheckResult(target.name(), error == null, code != null ? code : status, responseTime, dns, connect, tls,
                    notAfter, error, at);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message;
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static SSLContext context(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{ trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private static X509ExtendedTrustManager platformTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JVM has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JVM's trusted certificates", e);
        }
    }

    /**
     * Notes the earliest expiry in the server's chain, then leaves the verdict to the platform's trust (hostname
     * included), or trusts every certificate when there is none ({@code insecure} targets).
     */
    private static final class CapturingTrust extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        volatile Instant earliestNotAfter;

        CapturingTrust(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        private void capture(X509Certificate[] chain) {
            Instant earliest = null;
            for (X509Certificate c : chain == null ? new X509Certificate[0] : chain) {
                Instant end = c.getNotAfter().toInstant();
                earliest = earliest == null || end.isBefore(earliest) ? end : earliest;
            }
            earliestNotAfter = earliest;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            capture(chain);
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            capture(chain);
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            capture(chain);
            if (delegate != null) {
                ((X509TrustManager) delegate).checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("Vigil's checks accept no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("Vigil's checks accept no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Vigil's checks accept no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
