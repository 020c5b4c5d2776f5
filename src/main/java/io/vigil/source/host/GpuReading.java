package io.vigil.source.host;

import java.util.List;

/**
 * The GPUs of the host. {@code absent} is a normal state (no NVIDIA driver here), {@code error} means the driver is
 * there but did not answer, {@code disabled} that GPUs are not read.
 */
public record GpuReading(String status, String detail, List<GpuDevice> devices) {

    public static final String PRESENT = "present";
    public static final String ABSENT = "absent";
    public static final String ERROR = "error";
    public static final String DISABLED = "disabled";

    public record GpuDevice(int index, String name, double utilizationPercent, long memoryUsedBytes, long memoryTotalBytes,
            double memoryPercent, double temperatureCelsius) {
    }

    public static GpuReading present(List<GpuDevice> devices) {
        return new GpuReading(PRESENT, null, List.copyOf(devices));
    }

    public static GpuReading absent(String why) {
        return new GpuReading(ABSENT, why, List.of());
    }

    public static GpuReading error(String why) {
        return new GpuReading(ERROR, why, List.of());
    }

    public static GpuReading disabled() {
        return new GpuReading(DISABLED, "vigil.host.gpu.enabled=false", List.of());
    }
}
