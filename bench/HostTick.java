import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vigil.source.host.HostConfig;
import io.vigil.source.host.HostSource;

/**
 * CPU of host collection alone, without the rest of Vigil: the host source's stream runs in this JVM at an interval
 * (default 1 s) for a number of seconds from its first reading, after as long a window with nothing running; the difference in this process's
 * CPU time, per reading, is what one tick costs; the same for the bytes its threads allocate. Arguments: [seconds]
 * [interval ms]. GPUs are off.
 */
public class HostTick {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long intervalMs = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        HostConfig config = new HostConfig() {

            public boolean enabled() {
                return true;
            }

            public Duration interval() {
                return Duration.ofMillis(intervalMs);
            }

            public Duration slowInterval() {
                return Duration.ofSeconds(30);
            }

            public List<String> excludedInterfaces() {
                return List.of("lo");
            }

            public boolean gpuEnabled() {
                return false;
            }

            public String gpuCommand() {
                return "nvidia-smi";
            }

            public Duration gpuTimeout() {
                return Duration.ofSeconds(5);
            }
        };
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        AtomicLong readings = new AtomicLong();
        // warm-up: 20 readings as fast as the interval allows, then the idle window, then the measured one
        Cancellable warm = new HostSource(config).stream().subscribe().with(u -> readings.incrementAndGet());
        while (readings.get() < Math.min(20, seconds)) {
            Thread.sleep(50);
        }
        warm.cancel();
        Thread.sleep(2000);
        long idle0 = os.getProcessCpuTime();
        long idleBytes0 = allocated();
        Thread.sleep(seconds * 1000L);
        long idle = os.getProcessCpuTime() - idle0;
        long idleBytes = allocated() - idleBytes0;
        // the measured window starts at the first reading, so that OSHI's start-up (once per process) is left out
        readings.set(0);
        Cancellable run = new HostSource(config).stream().subscribe().with(u -> readings.incrementAndGet());
        while (readings.get() < 1) {
            Thread.sleep(5);
        }
        long c0 = os.getProcessCpuTime();
        long bytes0 = allocated();
        long n0 = readings.get();
        Thread.sleep(seconds * 1000L);
        long busy = os.getProcessCpuTime() - c0;
        long bytes = allocated() - bytes0;
        long n = readings.get() - n0;
        run.cancel();
        System.out.printf(
                "RESULT readings=%d seconds=%d idle_ms=%.1f busy_ms=%.1f per_reading_ms=%.3f percent_of_core=%.3f"
                        + " per_reading_allocated_kb=%.1f load=%s%n",
                n, seconds, idle / 1e6, busy / 1e6, (busy - idle) / 1e6 / Math.max(1, n),
                (busy - idle) / 1e7 / seconds, (bytes - idleBytes) / 1024.0 / Math.max(1, n),
                String.join(" ", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ", 4)).trim());
        System.exit(0);
    }

    /** Bytes the live threads of this process have allocated so far (the tick's pool threads live throughout). */
    static long allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
