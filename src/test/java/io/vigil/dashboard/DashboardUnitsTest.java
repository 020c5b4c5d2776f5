package io.vigil.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.Chromium;
import io.vigil.testing.SharedServers;

/**
 * Every value the page shows with the unit its series has: the dashboard's own format.js, run in Chromium, on the
 * series the sources publish and the fields of their snapshots (which panels without a view of their own show).
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class DashboardUnitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Chromium browser;

    @TestHTTPResource("/dashboard/format.js")
    URL formatJs;

    /** A series (or snapshot field) name, a value, and how the page must show it. */
    private record Shown(String name, double value, String text) {
    }

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.launch(800, 600);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void eachSeriesIsShownInItsUnit() throws Exception {
        List<Shown> cases = List.of(
                new Shown("host.cpu.percent", 42.345, "42.3 %"),
                new Shown("pipelines.error_ratio", 0.04, "4.0 %"),
                new Shown("host.memory.used_bytes", 1610612736, "1.50 GiB"),
                new Shown("host.process.rss_bytes", 524288000, "500 MiB"),
                new Shown("host.network.rx_bytes_per_second", 12_300_000, "12.3 MB/s"),
                new Shown("pipelines.latency.p95", 0.85, "850 ms"),
                new Shown("pipelines.latency.p99", 2.4, "2.40 s"),
                new Shown("host.uptime_seconds", 266_400, "3d 2h"),
                new Shown("experiments.current.elapsed_seconds", 3725, "1h 02m"),
                new Shown("pipelines.rate", 2.5, "2.50/s"),
                new Shown("pipelines.queue.publish_rate", 12.5, "12.5/s"),
                new Shown("host.gpu.temperature.celsius", 64.4, "64 °C"),
                new Shown("host.load.1m", 1.5, "1.50"),
                new Shown("host.gpu.count", 2, "2"),
                new Shown("pipelines.count", 4080, "4,080"),
                new Shown("clients.total", 5, "5"),
                new Shown("pipelines.backlog", 7, "7"),
                // A short time that is not a latency: it was shown as "0s".
                new Shown("pipelines.window.covered_seconds", 0.25, "250 ms"),
                // Snapshot fields, by path, as the panels show them before the first update.
                new Shown("pipelines.face.latency_seconds.samples", 4080, "4,080"),
                new Shown("pipelines.face.latency_seconds.p50", 0.2, "200 ms"),
                new Shown("pipelines.face.latency_seconds.max", 3.5, "3.50 s"),
                new Shown("pipelines.face.rate_per_second", 2.5, "2.50/s"),
                new Shown("pipelines.face.error_ratio", 0.5, "50.0 %"),
                new Shown("pipelines.face.window.count", 300, "300"),
                new Shown("pipelines.face.stats.messages_ready", 1234, "1,234"));

        Map<String, String> expected = new LinkedHashMap<>();
        cases.forEach(c -> expected.put(c.name(), c.text()));
        assertThat(shown(cases)).isEqualTo(expected);
    }

    /** What format.js makes of each case's value, by name. */
    private Map<String, String> shown(List<Shown> cases) throws Exception {
        browser.open(formatJs.toString());
        String js = "(async () => { const f = await import(" + JSON.writeValueAsString(formatJs.toString()) + ");"
                + " return " + JSON.writeValueAsString(cases.stream().map(c -> List.of(c.name(), c.value())).toList())
                + ".map(([n, v]) => [n, f.formatterFor(n)(v)]); })()";
        Map<String, String> out = new LinkedHashMap<>();
        browser.evaluate(js).forEach(pair -> out.put(pair.get(0).asText(), pair.get(1).asText()));
        return out;
    }
}
