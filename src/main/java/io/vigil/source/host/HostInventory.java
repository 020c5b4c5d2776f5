package io.vigil.source.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * What changes slowly on a host, read through OSHI every {@code vigil.host.slow-interval} and reused between: the file
 * systems with their sizes, the disks and the network interfaces whose counters every tick reads, the processor count.
 */
record HostInventory(List<HostSnapshot.FileSystem> filesystems, List<HWDiskStore> disks, List<NetworkIF> interfaces,
        int logicalCores) {

    static final long MIN_FILESYSTEM_BYTES = 1024 * 1024;

    static HostInventory read(HardwareAbstractionLayer hardware, OperatingSystem os, List<String> excludedInterfaces) {
        List<NetworkIF> interfaces = hardware.getNetworkIFs().stream()
                .filter(n -> !excludedInterfaces.contains(n.getName()))
                .toList();
        return new HostInventory(fileSystems(os), hardware.getDiskStores(), interfaces,
                Math.max(1, hardware.getProcessor().getLogicalProcessorCount()));
    }

    private static List<HostSnapshot.FileSystem> fileSystems(OperatingSystem os) {
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
        out.sort(Comparator.comparing(HostSnapshot.FileSystem::mount));
        return List.copyOf(out);
    }
}
