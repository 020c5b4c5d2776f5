package io.vigil.source.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads GPUs through {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits}. Blocking: called on a worker
 * thread by the host source.
 */
final class NvidiaSmi {

    static final String QUERY = "index,name,utilization.gpu,memory.used,memory.total,temperature.gpu";
    private static final long MIB = 1024L * 1024L;

    private final String command;
    private final Duration timeout;
    private boolean missing;

    NvidiaSmi(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    GpuReading read() {
        if (missing) {
            return GpuReading.absent(command + " not found: no NVIDIA GPU driver on this host");
        }
        Process process;
        try {
            process = new ProcessBuilder(command, "--query-gpu=" + QUERY, "--format=csv,noheader,nounits")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            // Not having the driver is how most hosts are: remember it instead of forking every tick.
            missing = true;
            return GpuReading.absent(command + " not found: no NVIDIA GPU driver on this host");
        }
        try (InputStream output = process.getInputStream()) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return GpuReading.error(command + " did not answer within " + timeout);
            }
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String firstLine = text.lines().findFirst().orElse("").trim();
                if (firstLine.contains("No devices were found")) {
                    return GpuReading.absent(firstLine);
                }
                return GpuReading.error(command + " exited with " + process.exitValue() + ": " + firstLine);
            }
            return parse(text);
        } catch (IOException e) {
            return GpuReading.error(command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return GpuReading.error("interrupted while reading GPUs");
        }
    }

    /** Parses CSV lines of {@link #QUERY}; a value nvidia-smi cannot read ("[N/A]") becomes NaN. */
    static GpuReading parse(String csv) {
        List<GpuReading.GpuDevice> devices = new ArrayList<>();
        for (String line : csv.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] f = line.split("\\s*,\\s*");
            if (f.length < 6) {
                return GpuReading.error("unexpected nvidia-smi line: " + line);
            }
            try {
                double used = number(f[3]);
                double total = number(f[4]);
                devices.add(new GpuReading.GpuDevice(Integer.parseInt(f[0]), f[1], number(f[2]),
                        Double.isNaN(used) ? -1 : (long) (used * MIB), Double.isNaN(total) ? -1 : (long) (total * MIB),
                        total > 0 && !Double.isNaN(used) ? 100.0 * used / total : Double.NaN, number(f[5])));
            } catch (NumberFormatException e) {
                return GpuReading.error("unexpected nvidia-smi line: " + line);
            }
        }
        return devices.isEmpty() ? GpuReading.absent("nvidia-smi lists no GPU") : GpuReading.present(devices);
    }

    private static double number(String field) {
        String f = field.trim();
        if (f.startsWith("[") || f.equalsIgnoreCase("N/A")) {
            return Double.NaN;
        }
        return Double.parseDouble(f);
    }
}
