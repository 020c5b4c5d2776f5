package io.vigil.source.host;

import java.util.List;

import io.vigil.hub.view.HostView;

/** The host as read at one tick. Sizes are bytes, rates bytes per second, loads percent. */
public record HostSnapshot(Cpu cpu, Memory memory, Memory swap, List<FileSystem> filesystems, List<Disk> disks,
        List<NetworkInterface> network, long uptimeSeconds, VigilProcess process, GpuReading gpu) implements HostView {

    public record Cpu(double percent, List<Double> cores, int logicalCores, double load1m, double load5m, double load15m) {
    }

    public record Memory(long totalBytes, long usedBytes, double percent) {

        static Memory of(long total, long used) {
            return new Memory(total, used, total <= 0 ? 0 : 100.0 * used / total);
        }
    }

    public record FileSystem(String mount, String type, long totalBytes, long usedBytes, double percent) {
    }

    public record Disk(String name, double readBytesPerSecond, double writeBytesPerSecond) {
    }

    public record NetworkInterface(String name, double rxBytesPerSecond, double txBytesPerSecond) {
    }

    public record VigilProcess(int pid, long rssBytes, double cpuPercent) {
    }
}
