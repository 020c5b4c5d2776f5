package io.vigil.source.host;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * The fast-changing counters of the host at one instant, as read every tick. CPU loads, process CPU and the disk and
 * network rates are differences between two of these.
 *
 * @param cpuTicks the whole machine's CPU time by kind (user, nice, system, idle, iowait, irq, softirq, steal)
 * @param coreTicks the same per logical processor, in processor order
 * @param diskBytes bytes read and written so far, by disk name
 * @param netBytes bytes received and sent so far, by interface name
 * @param processCpuNanos CPU time used by this process so far; negative when unknown
 * @param processRssBytes resident memory of this process; -1 when unknown
 */
record HostCounters(long[] cpuTicks, List<long[]> coreTicks, long memoryTotal, long memoryUsed, long swapTotal,
        long swapUsed, double[] load, long uptimeSeconds, Map<String, long[]> diskBytes, Map<String, long[]> netBytes,
        long processCpuNanos, long processRssBytes) {

    static final int IDLE = 3;
    static final int IOWAIT = 4;

    /** The busy share (0–1) of the CPU time between two readings of the same processor; 0 when no time passed. */
    static double busyBetween(long[] before, long[] now) {
        long total = 0;
        int n = Math.min(before.length, now.length);
        for (int i = 0; i < n; i++) {
            total += now[i] - before[i];
        }
        long idle = n > IOWAIT ? now[IDLE] + now[IOWAIT] - before[IDLE] - before[IOWAIT] : 0;
        return total > 0 && idle >= 0 ? (double) (total - idle) / total : 0;
    }

    /** CPU time this process has used so far (all threads, user and system), or -1 where the JVM does not say. */
    static long ownCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /** Where the counters come from: {@code /proc} on Linux, OSHI elsewhere. */
    interface Reader {

        HostCounters read(HostInventory inventory);
    }
}
