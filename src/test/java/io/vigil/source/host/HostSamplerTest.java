package io.vigil.source.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.hub.Sample;

/** Two readings of the counters make one snapshot; the series names are those the dashboard and rules know. */
class HostSamplerTest {

    static final HostInventory INVENTORY = new HostInventory(
            List.of(new HostSnapshot.FileSystem("/", "ext4", 1000L << 20, 250L << 20, 25.0)), List.of(), List.of(), 2);

    static HostCounters counters(long busy, long idle, long diskRead, long netRx, long cpuNanos) {
        long[] core = { busy, 0, 0, idle, 0, 0, 0, 0 };
        return new HostCounters(new long[]{ 2 * busy, 0, 0, 2 * idle, 0, 0, 0, 0 }, List.of(core, core), 8L << 30,
                2L << 30, 0, 0, new double[]{ 1.5, 1.0, 0.5 }, 3600, Map.of("/dev/vda", new long[]{ diskRead, 0 }),
                Map.of("eth0", new long[]{ netRx, 0 }), cpuNanos, 300L << 20);
    }

    @Test
    void loadsAndRatesAreDifferencesOverTheTimeBetween() {
        HostCounters before = counters(100, 100, 1_000, 5_000, 0);
        HostCounters after = counters(130, 170, 3_000, 4_000, 20_000_000); // the NIC's counter went back: a reset
        HostSnapshot s = HostSampler.snapshot(before, after, 2.0, INVENTORY, 42, GpuReading.disabled());

        assertThat(s.cpu().percent()).isEqualTo(30.0);
        assertThat(s.cpu().cores()).containsExactly(30.0, 30.0);
        assertThat(s.cpu().load1m()).isEqualTo(1.5);
        assertThat(s.memory().percent()).isEqualTo(25.0);
        assertThat(s.disks()).containsExactly(new HostSnapshot.Disk("/dev/vda", 1000.0, 0.0));
        assertThat(s.network()).containsExactly(new HostSnapshot.NetworkInterface("eth0", 0.0, 0.0));
        // 20 ms of CPU in 2 s on 2 processors
        assertThat(s.process().cpuPercent()).isEqualTo(0.5);
        assertThat(s.process().pid()).isEqualTo(42);
        assertThat(s.filesystems()).isEqualTo(INVENTORY.filesystems());
    }

    @Test
    void theSeriesNamesAreUnchanged() {
        HostSnapshot s = HostSampler.snapshot(counters(1, 1, 0, 0, 0), counters(2, 2, 0, 0, 0), 1.0, INVENTORY, 1,
                GpuReading.disabled());
        assertThat(HostSampler.samples(s, Instant.EPOCH)).extracting(Sample::series).contains("host.cpu.percent",
                "host.cpu.core.percent", "host.load.1m", "host.memory.used_bytes", "host.swap.percent",
                "host.disk.used_bytes", "host.disk.read_bytes_per_second", "host.network.rx_bytes_per_second",
                "host.uptime_seconds", "host.process.rss_bytes", "host.process.cpu.percent", "host.gpu.count");
    }
}
