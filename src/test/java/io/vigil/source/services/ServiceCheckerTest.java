package io.vigil.source.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vigil.hub.view.ServiceTarget;

/** One check against real peers: what each kind of answer (or its absence) makes of the result. */
class ServiceCheckerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    static PeerServers peers;
    static ExecutorService executor;
    static ServiceChecker checker;

    @BeforeAll
    static void start() throws Exception {
        peers = new PeerServers(Path.of("target", "services-test"));
        executor = Executors.newCachedThreadPool();
        checker = new ServiceChecker(Clock.systemUTC(), 65536, executor);
    }

    @AfterAll
    static void stop() {
        peers.close();
        executor.shutdownNow();
    }

    private static CheckResult check(String url) {
        return checker.check(Targets.http("peer", url, Duration.ofSeconds(1), TIMEOUT));
    }

    @Test
    void aPeerAnswering200IsHealthyWithItsPhasesTimed() {
        CheckResult r = check("http://localhost:" + peers.ok + "/health");
        assertThat(r.ok()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.responseTime()).isPositive().isLessThan(TIMEOUT);
        assertThat(r.dns()).isNotNull();
        assertThat(r.connect()).isNotNull();
        assertThat(r.tls()).isNull();
        assertThat(r.certificateNotAfter()).isNull();
    }

    @Test
    void aPeerAnswering500Fails() {
        CheckResult r = check("http://localhost:" + peers.error + "/health");
        assertThat(r.ok()).isFalse();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.error()).isEqualTo("status 500, expected 200-299");
        assertThat(
                checker.check(ServiceTarget.of("peer", "http://localhost:" + peers.error, null, Map.of(), Duration.ofSeconds(1),
                        TIMEOUT, "200-299,500", null, null, null, null, false, "test")).ok())
                .as("500 expected").isTrue();
    }

    @Test
    void aPeerThatHangsFailsAtItsTimeout() {
        long t0 = System.nanoTime();
        CheckResult r = check("http://localhost:" + peers.hanging + "/health");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("no answer within 800 ms");
        assertThat(r.statusCode()).isNull();
        assertThat(r.connect()).as("the connection itself was accepted").isNotNull();
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void aPeerThatClosesTheConnectionFails() {
        CheckResult r = check("http://localhost:" + peers.closing + "/health");
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("request failed: ");
        assertThat(r.statusCode()).isNull();
    }

    @Test
    void aRefusedPortFailsAtConnect() throws Exception {
        CheckResult r = check("http://localhost:" + PeerServers.refusedPort() + "/");
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("cannot connect: ");
        assertThat(r.connect()).isNull();
    }

    @Test
    void aSelfSignedCertificateIsReadEvenWhenItIsNotTrusted() {
        String url = "https://localhost:" + peers.tls + "/";
        CheckResult untrusted = check(url);
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.error()).startsWith("TLS handshake failed: ");
        assertThat(untrusted.certificateNotAfter()).isNotNull();

        CheckResult insecure = checker.check(ServiceTarget.of("peer", url, null, Map.of(), Duration.ofSeconds(1), TIMEOUT, null,
                "ok", null, null, null, true, "test"));
        assertThat(insecure.ok()).as(insecure.error()).isTrue();
        assertThat(insecure.statusCode()).isEqualTo(200);
        assertThat(insecure.tls()).isNotNull();
        Duration left = Duration.between(Instant.now(), insecure.certificateNotAfter());
        assertThat(left).isBetween(Duration.ofDays(5).minusHours(1), Duration.ofDays(5));
    }

    @Test
    void aTcpTargetOnlyConnects() throws Exception {
        assertThat(check("tcp://localhost:" + peers.hanging).ok()).isTrue();
        CheckResult refused = check("tcp://localhost:" + PeerServers.refusedPort());
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).startsWith("cannot connect: ");
        CheckResult tls = checker
                .check(ServiceTarget.of("peer", "tls://localhost:" + peers.tls, null, Map.of(), Duration.ofSeconds(1),
                        TIMEOUT, null, null, null, null, null, true, "test"));
        assertThat(tls.ok()).isTrue();
        assertThat(tls.certificateNotAfter()).isNotNull();
    }

    @Test
    void bodyJsonAndResponseTimeConditions() {
        String url = "http://localhost:" + peers.ok + "/health";
        assertThat(condition(url, "UP", null, null, null).ok()).isTrue();
        assertThat(condition(url, "DOWN", null, null, null).error()).isEqualTo("the body does not contain 'DOWN'");
        assertThat(condition(url, null, "$.status", "UP", null).ok()).isTrue();
        assertThat(condition(url, null, "$.checks[0].state", "green", null).ok()).isTrue();
        assertThat(condition(url, null, "$.status", "DOWN", null).error()).isEqualTo("$.status is 'UP', expected 'DOWN'");
        assertThat(condition(url, null, "$.missing", null, null).error()).isEqualTo("$.missing is missing");
        assertThat(condition(url, null, null, null, Duration.ofNanos(1)).error()).startsWith("answered in ").endsWith(" allowed");
    }

    private static CheckResult condition(String url, String body, String path, String value, Duration max) {
        return checker
                .check(ServiceTarget.of("peer", url, null, Map.of(), Duration.ofSeconds(1), TIMEOUT, null, body, path, value,
                        max, false, "test"));
    }
}
