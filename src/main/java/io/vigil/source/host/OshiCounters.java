package io.vigil.source.host;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** The counters through OSHI's general path: for hosts without a Linux {@code /proc}. */
final class OshiCounters implements HostCounters.Reader {

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;

    OshiCounters(CentralProcessor cpu, GlobalMemory memory, OperatingSystem os) {
        this.cpu = cpu;
        this.memory = memory;
        this.os = os;
    }

    @Override
    public HostCounters read(HostInventory inventory) {
        Map<String, long[]> diskBytes = new HashMap<>();
        for (HWDiskStore disk : inventory.disks()) {
            disk.updateAttributes();
            diskBytes.put(disk.getName(), new long[]{ disk.getReadBytes(), disk.getWriteBytes() });
        }
        Map<String, long[]> netBytes = new HashMap<>();
        for (NetworkIF nic : inventory.interfaces()) {
            nic.updateAttributes();
            netBytes.put(nic.getName(), new long[]{ nic.getBytesRecv(), nic.getBytesSent() });
        }
        OSProcess process = os.getCurrentProcess();
        return new HostCounters(cpu.getSystemCpuLoadTicks(), Arrays.asList(cpu.getProcessorCpuLoadTicks()),
                memory.getTotal(), memory.getTotal() - memory.getAvailable(), memory.getVirtualMemory().getSwapTotal(),
                memory.getVirtualMemory().getSwapUsed(), cpu.getSystemLoadAverage(3), os.getSystemUptime(), diskBytes,
                netBytes, HostCounters.ownCpuNanos(), process == null ? -1 : process.getResidentMemory());
    }
}
