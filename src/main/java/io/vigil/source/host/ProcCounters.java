package io.vigil.source.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;

/**
 * The counters read straight from Linux's {@code /proc}: a handful of small text files per tick, where OSHI's general
 * path walks udev and {@code /sys} for every disk and interface and reads a dozen files for this process. Disks and
 * interfaces that {@code /proc} does not list are read through OSHI.
 */
final class ProcCounters implements HostCounters.Reader {

    /** {@code /proc/diskstats} counts 512-byte sectors whatever the device's own sector size. */
    static final long SECTOR_BYTES = 512;
    static final int CPU_TICK_KINDS = 8;

    /** Compiled once: String.split with this expression compiles it again for every line of every file, every tick. */
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final Path proc;
    /**
     * Reused from tick to tick (ticks never overlap): a {@code /proc} file reports no size, so reading it whole
     * allocated a buffer of 8 KB and more for each file, each tick.
     */
    private byte[] buffer = new byte[16 * 1024];

    ProcCounters(Path proc) {
        this.proc = proc;
    }

    /** Whether this host has a {@code /proc} to read. */
    static boolean available(Path proc) {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isReadable(proc.resolve("stat"));
    }

    @Override
    public HostCounters read(HostInventory inventory) {
        long[][] cpu = cpuTicks(text("stat"), inventory.logicalCores());
        long[] memory = memory(text("meminfo"));
        Map<String, long[]> allDisks = diskBytes(text("diskstats"));
        Map<String, long[]> diskBytes = new HashMap<>();
        for (HWDiskStore disk : inventory.disks()) {
            long[] bytes = allDisks.get(baseName(disk.getName()));
            if (bytes == null) {
                disk.updateAttributes();
                bytes = new long[]{ disk.getReadBytes(), disk.getWriteBytes() };
            }
            diskBytes.put(disk.getName(), bytes);
        }
        Map<String, long[]> allInterfaces = netBytes(text("net/dev"));
        Map<String, long[]> netBytes = new HashMap<>();
        for (NetworkIF nic : inventory.interfaces()) {
            long[] bytes = allInterfaces.get(nic.getName());
            if (bytes == null) {
                nic.updateAttributes();
                bytes = new long[]{ nic.getBytesRecv(), nic.getBytesSent() };
            }
            netBytes.put(nic.getName(), bytes);
        }
        return new HostCounters(cpu[0], Arrays.asList(cpu).subList(1, cpu.length), memory[0], memory[0] - memory[1],
                memory[2], memory[2] - memory[3], loadAverage(text("loadavg")), uptimeSeconds(text("uptime")),
                diskBytes, netBytes, HostCounters.ownCpuNanos(), rssBytes(text("self/status")));
    }

    private synchronized String text(String file) {
        try (InputStream in = Files.newInputStream(proc.resolve(file))) {
            int n = 0;
            for (int read; (read = in.read(buffer, n, buffer.length - n)) >= 0;) {
                n += read;
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "/dev/nvme0n1" → "nvme0n1": OSHI names disks by device node, {@code /proc/diskstats} by kernel name. */
    static String baseName(String device) {
        return device.substring(device.lastIndexOf('/') + 1);
    }

    /**
     * {@code /proc/stat}: element 0 the whole machine's ticks ("cpu" line), element 1 + i those of processor i ("cpuI"
     * lines; a processor that is offline has no line and reads as zeros). Each holds user, nice, system, idle, iowait,
     * irq, softirq, steal.
     */
    static long[][] cpuTicks(String stat, int logicalCores) {
        long[][] out = new long[logicalCores + 1][CPU_TICK_KINDS];
        for (String line : stat.split("\n")) {
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] f = BLANKS.split(line.trim());
            int row;
            if (f[0].equals("cpu")) {
                row = 0;
            } else {
                row = 1 + Integer.parseInt(f[0].substring(3));
                if (row > logicalCores) {
                    continue;
                }
            }
            for (int i = 0; i < CPU_TICK_KINDS && i + 1 < f.length; i++) {
                out[row][i] = Long.parseLong(f[i + 1]);
            }
        }
        return out;
    }

    /**
     * {@code /proc/meminfo} in bytes: total, available, swap total, swap free. Kernels before 3.14 have no
     * MemAvailable; their estimate is free + file pages + reclaimable slab, as OSHI does.
     */
    static long[] memory(String meminfo) {
        Map<String, Long> kb = new HashMap<>();
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] value = BLANKS.split(line.substring(colon + 1).trim());
            try {
                kb.put(line.substring(0, colon), Long.parseLong(value[0]));
            } catch (NumberFormatException ignored) {
                // a line that is not "Name: number kB" says nothing we read
            }
        }
        long available = kb.containsKey("MemAvailable")
                ? kb.get("MemAvailable")
                : kb.getOrDefault("MemFree", 0L) + kb.getOrDefault("Active(file)", 0L)
                        + kb.getOrDefault("Inactive(file)", 0L) + kb.getOrDefault("SReclaimable", 0L);
        return new long[]{ 1024 * kb.getOrDefault("MemTotal", 0L), 1024 * available,
                1024 * kb.getOrDefault("SwapTotal", 0L), 1024 * kb.getOrDefault("SwapFree", 0L) };
    }

    /** {@code /proc/net/dev}: bytes received and sent, by interface. */
    static Map<String, long[]> netBytes(String netDev) {
        Map<String, long[]> out = new HashMap<>();
        for (String line : netDev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // the two header lines
            }
            String[] f = BLANKS.split(line.substring(colon + 1).trim());
            if (f.length < 9) {
                continue;
            }
            out.put(line.substring(0, colon).trim(), new long[]{ Long.parseLong(f[0]), Long.parseLong(f[8]) });
        }
        return out;
    }

    /** {@code /proc/diskstats}: bytes read and written, by kernel device name (fields 6 and 10 are sectors). */
    static Map<String, long[]> diskBytes(String diskstats) {
        Map<String, long[]> out = new HashMap<>();
        for (String line : diskstats.split("\n")) {
            String[] f = BLANKS.split(line.trim());
            if (f.length < 10) {
                continue;
            }
            out.put(f[2], new long[]{ SECTOR_BYTES * Long.parseLong(f[5]), SECTOR_BYTES * Long.parseLong(f[9]) });
        }
        return out;
    }

    /** {@code /proc/loadavg}: the 1, 5 and 15 minute load averages. */
    static double[] loadAverage(String loadavg) {
        String[] f = BLANKS.split(loadavg.trim());
        return new double[]{ Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) };
    }

    /** {@code /proc/uptime}: whole seconds since boot. */
    static long uptimeSeconds(String uptime) {
        String seconds = BLANKS.split(uptime.trim())[0];
        int dot = seconds.indexOf('.');
        return Long.parseLong(dot < 0 ? seconds : seconds.substring(0, dot));
    }

    /** {@code /proc/self/status}: VmRSS in bytes, -1 when the line is missing. */
    static long rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return 1024 * Long.parseLong(BLANKS.split(line.substring(6).trim())[0]);
            }
        }
        return -1;
    }
}
