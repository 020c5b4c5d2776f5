package io.vigil.source.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCountersTest {

    static final String STAT = """
            cpu  622476 803 60511 236013 511 0 959 189 0 0
            cpu0 311454 371 29271 118953 107 0 377 102 0 0
            cpu1 311022 431 31239 117060 403 0 581 87 0 0
            intr 74510336 0 9 0 0 0 0 0 0 0
            ctxt 148305621
            btime 1764614400
            procs_running 3
            """;

    static final String MEMINFO = """
            MemTotal:       24683584 kB
            MemFree:         2216640 kB
            MemAvailable:   18883956 kB
            Buffers:          562116 kB
            Cached:         15178048 kB
            SwapCached:            0 kB
            SwapTotal:       2097148 kB
            SwapFree:        1048576 kB
            HugePages_Total:       0
            """;

    static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 194810374  651130    0    0    0     0          0         0 194810374  651130    0    0    0     0       0          0
              eth0: 9876543210 1234567    0    3    0     0          0        12 123456789   98765    0    0    0     0       0          0
            wlp2s0:1500 10 0 0 0 0 0 0 2500 20 0 0 0 0 0 0
            """;

    static final String DISKSTATS = """
               7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
             252       0 vda 105834 40121 7062486 70843 293212 262402 18390640 403217 0 340760 488906 0 0 0 0 15811 14845
             252       1 vda1 105611 40121 7052550 70800 293209 262402 18390640 403213 0 340704 474014 0 0 0 0 0 0
             259       0 nvme0n1 10 0 4 1 20 0 8 2 0 3 3
            """;

    @Test
    void cpuTicksAreTheWholeMachineThenEachProcessor() {
        long[][] ticks = ProcCounters.cpuTicks(STAT, 2);
        assertThat(ticks[0]).containsExactly(622476, 803, 60511, 236013, 511, 0, 959, 189);
        assertThat(ticks[1]).containsExactly(311454, 371, 29271, 118953, 107, 0, 377, 102);
        assertThat(ticks[2]).containsExactly(311022, 431, 31239, 117060, 403, 0, 581, 87);
    }

    @Test
    void anOfflineProcessorReadsAsZerosAndOneBeyondTheCountIsLeftOut() {
        long[][] fourCores = ProcCounters.cpuTicks(STAT, 4);
        assertThat(fourCores).hasNumberOfRows(5);
        assertThat(fourCores[4]).containsOnly(0L);
        assertThat(ProcCounters.cpuTicks(STAT, 1)).hasNumberOfRows(2);
    }

    @Test
    void busyIsEverythingButIdleAndIowaitBetweenTwoReadings() {
        long[] before = { 100, 0, 50, 800, 50, 0, 0, 0 };
        long[] after = { 160, 0, 70, 900, 70, 0, 0, 0 };
        // 200 ticks passed, 120 of them idle or waiting on I/O
        assertThat(HostCounters.busyBetween(before, after)).isEqualTo(0.4);
        assertThat(HostCounters.busyBetween(after, after)).isZero();
    }

    @Test
    void memoryIsInBytesWithTheKernelsAvailableEstimate() {
        long[] memory = ProcCounters.memory(MEMINFO);
        assertThat(memory).containsExactly(24683584L * 1024, 18883956L * 1024, 2097148L * 1024, 1048576L * 1024);
    }

    @Test
    void anOldKernelWithoutMemAvailableCountsFreeFileAndReclaimablePages() {
        long[] memory = ProcCounters.memory("""
                MemTotal:        1000 kB
                MemFree:          100 kB
                Active(file):     200 kB
                Inactive(file):    50 kB
                SReclaimable:      25 kB
                """);
        assertThat(memory[1]).isEqualTo(375L * 1024);
        assertThat(memory[2]).isZero();
    }

    @Test
    void networkBytesAreReceivedAndSentPerInterfaceWithOrWithoutASpaceAfterTheColon() {
        Map<String, long[]> bytes = ProcCounters.netBytes(NET_DEV);
        assertThat(bytes).containsOnlyKeys("lo", "eth0", "wlp2s0");
        assertThat(bytes.get("eth0")).containsExactly(9876543210L, 123456789L);
        assertThat(bytes.get("wlp2s0")).containsExactly(1500L, 2500L);
    }

    @Test
    void diskBytesAreSectorsOfFiveHundredTwelveBytesByKernelName() {
        Map<String, long[]> bytes = ProcCounters.diskBytes(DISKSTATS);
        assertThat(bytes.get("vda")).containsExactly(7062486L * 512, 18390640L * 512);
        assertThat(bytes.get("nvme0n1")).containsExactly(4L * 512, 8L * 512);
        assertThat(ProcCounters.baseName("/dev/nvme0n1")).isEqualTo("nvme0n1");
    }

    @Test
    void loadUptimeAndResidentMemory() {
        assertThat(ProcCounters.loadAverage("13.07 10.23 8.19 17/486 25719\n")).containsExactly(13.07, 10.23, 8.19);
        assertThat(ProcCounters.uptimeSeconds("4635.25 2360.13\n")).isEqualTo(4635);
        assertThat(ProcCounters.rssBytes("""
                Name:\tjava
                VmHWM:\t  412000 kB
                VmRSS:\t  398212 kB
                Threads:\t42
                """)).isEqualTo(398212L * 1024);
        assertThat(ProcCounters.rssBytes("Name:\tkthreadd\n")).isEqualTo(-1);
    }

    @Test
    void aReadingOfAProcDirectoryGivesEveryCounterOfTheInventory(@TempDir Path proc) throws IOException {
        writeProc(proc, MEMINFO);

        HostCounters c = new ProcCounters(proc).read(new HostInventory(List.of(), List.of(), List.of(), 2));

        assertThat(c.cpuTicks()[0]).isEqualTo(622476);
        assertThat(c.coreTicks()).hasSize(2);
        assertThat(c.memoryTotal()).isEqualTo(24683584L * 1024);
        assertThat(c.memoryUsed()).isEqualTo((24683584L - 18883956L) * 1024);
        assertThat(c.swapUsed()).isEqualTo((2097148L - 1048576L) * 1024);
        assertThat(c.load()).containsExactly(0.5, 0.25, 0.1);
        assertThat(c.uptimeSeconds()).isEqualTo(120);
        assertThat(c.processRssBytes()).isEqualTo(1024000);
        assertThat(c.diskBytes()).isEmpty();
        assertThat(c.netBytes()).isEmpty();
    }
    /** Files are read into one buffer kept between readings: a long one must be read whole, a shorter one after it alone. */
    @Test
    void aFileLongerThanTheBufferIsReadWholeAndAShorterOneAfterItAlone(@TempDir Path proc) throws IOException {
        StringBuilder padded = new StringBuilder();
        for (int i = 0; padded.length() < 100_000; i++) {
            padded.append("Padding").append(i).append(":        ").append(i).append(" kB\n");
        }
        writeProc(proc, padded + MEMINFO);
        ProcCounters counters = new ProcCounters(proc);
        HostInventory inventory = new HostInventory(List.of(), List.of(), List.of(), 2);

        assertThat(counters.read(inventory).memoryTotal()).isEqualTo(24683584L * 1024);

        Files.writeString(proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable: 400 kB\n");
        HostCounters shorter = counters.read(inventory);
        assertThat(shorter.memoryTotal()).isEqualTo(1000L * 1024);
        assertThat(shorter.memoryUsed()).isEqualTo(600L * 1024);
    }

    /** A /proc directory with every file a reading opens. */
    private static void writeProc(Path proc, String meminfo) throws IOException {
        Files.writeString(proc.resolve("stat"), STAT);
        Files.writeString(proc.resolve("meminfo"), meminfo);
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/dev"), NET_DEV);
        Files.writeString(proc.resolve("diskstats"), DISKSTATS);
        Files.writeString(proc.resolve("loadavg"), "0.50 0.25 0.10 1/100 42\n");
        Files.writeString(proc.resolve("uptime"), "120.99 200.00\n");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "VmRSS:\t  1000 kB\n");
    }
}
