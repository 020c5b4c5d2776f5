package io.vigil.source.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.HostView;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the host through OSHI. Rates and CPU loads are differences between two readings, so one sampler keeps the
 * previous counters; it is used by one subscription, one tick at a time, on a worker thread.
 */
final class HostSampler implements AutoCloseable {

    static final String SOURCE = HostView.SOURCE;
    static final long MIN_FILESYSTEM_BYTES = 1024 * 1024;

    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final CentralProcessor cpu;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> interfaces;
    private final NvidiaSmi gpus;
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private OSProcess previousProcess;
    private long previousNanos;
    private final Map<String, long[]> previousDiskBytes = new HashMap<>();
    private final Map<String, long[]> previousNetBytes = new HashMap<>();

    HostSampler(SystemInfo system, HostConfig config) {
        this.hardware = system.getHardware();
        this.os = system.getOperatingSystem();
        this.cpu = hardware.getProcessor();
        this.disks = hardware.getDiskStores();
        this.interfaces = hardware.getNetworkIFs().stream()
                .filter(n -> !config.excludedInterfaces().contains(n.getName()))
                .toList();
        this.gpus = config.gpuEnabled() ? new NvidiaSmi(config.gpuCommand(), config.gpuTimeout(), config.interval()) : null;
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.previousCoreTicks = cpu.getProcessorCpuLoadTicks();
        this.previousProcess = os.getCurrentProcess();
        this.previousNanos = System.nanoTime();
        counters(previousDiskBytes, previousNetBytes);
    }

    SourceUpdate sample() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        double seconds = Math.max(1e-3, (nanos - previousNanos) / 1e9);
        previousNanos = nanos;

        HostSnapshot.Cpu cpuReading = readCpu();
        GlobalMemory memory = hardware.getMemory();
        HostSnapshot.Memory ram = HostSnapshot.Memory.of(memory.getTotal(), memory.getTotal() - memory.getAvailable());
        HostSnapshot.Memory swap = HostSnapshot.Memory.of(memory.getVirtualMemory().getSwapTotal(),
                memory.getVirtualMemory().getSwapUsed());
        List<HostSnapshot.FileSystem> filesystems = readFileSystems();

        Map<String, long[]> diskBytes = new HashMap<>();
        Map<String, long[]> netBytes = new HashMap<>();
        counters(diskBytes, netBytes);
        List<HostSnapshot.Disk> diskRates = new ArrayList<>();
        diskBytes.forEach((name, now2) -> {
            long[] before = previousDiskBytes.getOrDefault(name, now2);
            diskRates.add(new HostSnapshot.Disk(name, rate(now2[0], before[0], seconds), rate(now2[1], before[1], seconds)));
        });
        List<HostSnapshot.NetworkInterface> netRates = new ArrayList<>();
        netBytes.forEach((name, now2) -> {
            long[] before = previousNetBytes.getOrDefault(name, now2);
            netRates.add(new HostSnapshot.NetworkInterface(name, rate(now2[0], before[0], seconds),
                    rate(now2[1], before[1], seconds)));
        });
        previousDiskBytes.clear();
        previousDiskBytes.putAll(diskBytes);
        previousNetBytes.clear();
        previousNetBytes.putAll(netBytes);
        diskRates.sort(java.util.Comparator.comparing(HostSnapshot.Disk::name));
        netRates.sort(java.util.Comparator.comparing(HostSnapshot.NetworkInterface::name));

        OSProcess process = os.getCurrentProcess();
        double processCpu = process == null
                ? Double.NaN
                : 100.0 * process.getProcessCpuLoadBetweenTicks(previousProcess) / Math.max(1, cpu.getLogicalProcessorCount());
        previousProcess = process;
        HostSnapshot.VigilProcess vigil = new HostSnapshot.VigilProcess(os.getProcessId(),
                process == null ? -1 : process.getResidentMemory(), processCpu);

        GpuReading gpu = gpus == null ? GpuReading.disabled() : gpus.read();
        HostSnapshot snapshot = new HostSnapshot(cpuReading, ram, swap, filesystems, diskRates, netRates, os.getSystemUptime(),
                vigil, gpu);
        SourceUpdate update = SourceUpdate.up(SOURCE, now, snapshot, samples(snapshot, now), List.of());
        return GpuReading.ERROR.equals(gpu.status()) ? update.degraded("GPU: " + gpu.detail()) : update;
    }

    @Override
    public void close() {
        if (gpus != null) {
            gpus.close();
        }
    }

    private HostSnapshot.Cpu readCpu() {
        double total = 100.0 * cpu.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = cpu.getSystemCpuLoadTicks();
        double[] perCore = cpu.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
        previousCoreTicks = cpu.getProcessorCpuLoadTicks();
        List<Double> cores = new ArrayList<>(perCore.length);
        for (double c : perCore) {
            cores.add(100.0 * c);
        }
        double[] load = cpu.getSystemLoadAverage(3);
        return new HostSnapshot.Cpu(total, cores, cpu.getLogicalProcessorCount(), load[0], load[1], load[2]);
    }

    private List<HostSnapshot.FileSystem> readFileSystems() {
        List<HostSnapshot.FileSystem> out = new ArrayList<>();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            long total = store.getTotalSpace();
            // Placeholder mounts of a few kilobytes (a container runtime's, an empty tmpfs) hold nothing a lab
            // watches fill up; they would only crowd the disk panel and the disk alerts.
            if (total < MIN_FILESYSTEM_BYTES) {
                continue;
            }
            long used = total - store.getUsableSpace();
            out.add(new HostSnapshot.FileSystem(store.getMount(), store.getType(), total, used, 100.0 * used / total));
        }
        out.sort(java.util.Comparator.comparing(HostSnapshot.FileSystem::mount));
        return out;
    }

    private void counters(Map<String, long[]> diskBytes, Map<String, long[]> netBytes) {
        for (HWDiskStore disk : disks) {
            disk.updateAttributes();
            diskBytes.put(disk.getName(), new long[]{disk.getReadBytes(), disk.getWriteBytes()});
        }
        for (NetworkIF nic : interfaces) {
            nic.updateAttributes();
            netBytes.put(nic.getName(), new long[]{nic.getBytesRecv(), nic.getBytesSent()});
        }
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
