package io.vigil.source.host;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.HostView;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * Reads the host: every tick the fast counters (from {@code /proc} on Linux, through OSHI elsewhere), every
 * {@code vigil.host.slow-interval} the inventory (file systems, disks, interfaces) through OSHI, and the GPUs from a
 * long-lived nvidia-smi. Rates and CPU loads are differences between two readings, so one sampler keeps the previous
 * counters; it is used by one subscription, one tick at a time, on a worker thread.
 */
final class HostSampler implements AutoCloseable {

    static final String SOURCE = HostView.SOURCE;
    static final Path PROC = Path.of("/proc");

    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final HostConfig config;
    private final HostCounters.Reader counters;
    private final NvidiaSmi gpus;
    private final int pid;
    private HostInventory inventory;
    private long inventoryNanos;
    private HostCounters previous;
    private long previousNanos;

    HostSampler(SystemInfo system, HostConfig config) {
        this.hardware = system.getHardware();
        this.os = system.getOperatingSystem();
        this.config = config;
        this.pid = os.getProcessId();
        this.inventory = HostInventory.read(hardware, os, config.excludedInterfaces());
        this.inventoryNanos = System.nanoTime();
        this.gpus = config.gpuEnabled() ? new NvidiaSmi(config.gpuCommand(), config.gpuTimeout(), config.interval()) : null;
        HostCounters.Reader oshi = new OshiCounters(hardware.getProcessor(), hardware.getMemory(), os);
        HostCounters.Reader reader = oshi;
        HostCounters first = null;
        if (ProcCounters.available(PROC)) {
            try {
                reader = new ProcCounters(PROC);
                first = reader.read(inventory);
            } catch (RuntimeException unreadable) {
                // a /proc this parser does not understand: OSHI's general path reads it
                reader = oshi;
            }
        }
        this.counters = reader;
        this.previous = first != null ? first : reader.read(inventory);
        this.previousNanos = System.nanoTime();
    }

    SourceUpdate sample() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        if (nanos - inventoryNanos >= config.slowInterval().toNanos()) {
            inventory = HostInventory.read(hardware, os, config.excludedInterfaces());
            inventoryNanos = nanos;
        }
        HostCounters current = counters.read(inventory);
        long elapsedNanos = Math.max(1_000_000, nanos - previousNanos);
        HostSnapshot snapshot = snapshot(previous, current, elapsedNanos / 1e9, inventory, pid,
                gpus == null ? GpuReading.disabled() : gpus.read());
        previous = current;
        previousNanos = nanos;
        SourceUpdate update = SourceUpdate.up(SOURCE, now, snapshot, samples(snapshot, now), List.of());
        GpuReading gpu = snapshot.gpu();
        return GpuReading.ERROR.equals(gpu.status()) ? update.degraded("GPU: " + gpu.detail()) : update;
    }

    @Override
    public void close() {
        if (gpus != null) {
            gpus.close();
        }
    }

    /** The host between two readings of its counters, {@code seconds} apart. */
    static HostSnapshot snapshot(HostCounters before, HostCounters now, double seconds, HostInventory inventory, int pid,
            GpuReading gpu) {
        List<Double> cores = new ArrayList<>(now.coreTicks().size());
        for (int i = 0; i < now.coreTicks().size(); i++) {
            long[] was = i < before.coreTicks().size() ? before.coreTicks().get(i) : now.coreTicks().get(i);
            cores.add(100.0 * HostCounters.busyBetween(was, now.coreTicks().get(i)));
        }
        HostSnapshot.Cpu cpu = new HostSnapshot.Cpu(100.0 * HostCounters.busyBetween(before.cpuTicks(), now.cpuTicks()),
                cores, inventory.logicalCores(), now.load()[0], now.load()[1], now.load()[2]);
        List<HostSnapshot.Disk> disks = new ArrayList<>();
        rates(before.diskBytes(), now.diskBytes(), seconds,
                (name, r) -> disks.add(new HostSnapshot.Disk(name, r[0], r[1])));
        disks.sort(Comparator.comparing(HostSnapshot.Disk::name));
        List<HostSnapshot.NetworkInterface> network = new ArrayList<>();
        rates(before.netBytes(), now.netBytes(), seconds,
                (name, r) -> network.add(new HostSnapshot.NetworkInterface(name, r[0], r[1])));
        network.sort(Comparator.comparing(HostSnapshot.NetworkInterface::name));
        double processCpu = now.processCpuNanos() < 0 || before.processCpuNanos() < 0
                ? Double.NaN
                : 100.0 * (now.processCpuNanos() - before.processCpuNanos()) / (seconds * 1e9) / inventory.logicalCores();
        return new HostSnapshot(cpu, HostSnapshot.Memory.of(now.memoryTotal(), now.memoryUsed()),
                HostSnapshot.Memory.of(now.swapTotal(), now.swapUsed()), inventory.filesystems(), disks, network,
                now.uptimeSeconds(), new HostSnapshot.VigilProcess(pid, now.processRssBytes(), processCpu), gpu);
    }

    private static void rates(Map<String, long[]> before, Map<String, long[]> now, double seconds,
            java.util.function.BiConsumer<String, double[]> out) {
        now.forEach((name, bytes) -> {
            long[] was = before.getOrDefault(name, bytes);
            out.accept(name, new double[]{ rate(bytes[0], was[0], seconds), rate(bytes[1], was[1], seconds) });
        });
    }

    /** Counters can wrap or reset (a NIC re-created): never report a negative rate. */
    private static double rate(long now, long before, double seconds) {
        return now < before ? 0 : (now - before) / seconds;
    }

    static List<Sample> samples(HostSnapshot s, Instant ts) {
        List<Sample> out = new ArrayList<>();
        out.add(Sample.of("host.cpu.percent", s.cpu().percent(), ts));
        for (int i = 0; i < s.cpu().cores().size(); i++) {
            out.add(Sample.of("host.cpu.core.percent", "core", String.valueOf(i), s.cpu().cores().get(i), ts));
        }
        out.add(Sample.of("host.load.1m", s.cpu().load1m(), ts));
        out.add(Sample.of("host.load.5m", s.cpu().load5m(), ts));
        out.add(Sample.of("host.load.15m", s.cpu().load15m(), ts));
        out.add(Sample.of("host.memory.used_bytes", s.memory().usedBytes(), ts));
        out.add(Sample.of("host.memory.total_bytes", s.memory().totalBytes(), ts));
        out.add(Sample.of("host.memory.percent", s.memory().percent(), ts));
        out.add(Sample.of("host.swap.used_bytes", s.swap().usedBytes(), ts));
        out.add(Sample.of("host.swap.total_bytes", s.swap().totalBytes(), ts));
        out.add(Sample.of("host.swap.percent", s.swap().percent(), ts));
        for (HostSnapshot.FileSystem fs : s.filesystems()) {
            out.add(Sample.of("host.disk.used_bytes", "mount", fs.mount(), fs.usedBytes(), ts));
            out.add(Sample.of("host.disk.total_bytes", "mount", fs.mount(), fs.totalBytes(), ts));
            out.add(Sample.of("host.disk.percent", "mount", fs.mount(), fs.percent(), ts));
        }
        for (HostSnapshot.Disk d : s.disks()) {
            out.add(Sample.of("host.disk.read_bytes_per_second", "device", d.name(), d.readBytesPerSecond(), ts));
            out.add(Sample.of("host.disk.write_bytes_per_second", "device", d.name(), d.writeBytesPerSecond(), ts));
        }
        for (HostSnapshot.NetworkInterface n : s.network()) {
            out.add(Sample.of("host.network.rx_bytes_per_second", "interface", n.name(), n.rxBytesPerSecond(), ts));
            out.add(Sample.of("host.network.tx_bytes_per_second", "interface", n.name(), n.txBytesPerSecond(), ts));
        }
        out.add(Sample.of("host.uptime_seconds", s.uptimeSeconds(), ts));
        out.add(Sample.of("host.process.rss_bytes", s.process().rssBytes(), ts));
        out.add(Sample.of("host.process.cpu.percent", s.process().cpuPercent(), ts));
        out.add(Sample.of("host.gpu.count", s.gpu().devices().size(), ts));
        for (GpuReading.GpuDevice g : s.gpu().devices()) {
            String gpu = String.valueOf(g.index());
            out.add(Sample.of("host.gpu.utilization.percent", "gpu", gpu, g.utilizationPercent(), ts));
            out.add(Sample.of("host.gpu.memory.used_bytes", "gpu", gpu, g.memoryUsedBytes(), ts));
            out.add(Sample.of("host.gpu.memory.total_bytes", "gpu", gpu, g.memoryTotalBytes(), ts));
            out.add(Sample.of("host.gpu.memory.percent", "gpu", gpu, g.memoryPercent(), ts));
            out.add(Sample.of("host.gpu.temperature.celsius", "gpu", gpu, g.temperatureCelsius(), ts));
        }
        return out;
    }
}
