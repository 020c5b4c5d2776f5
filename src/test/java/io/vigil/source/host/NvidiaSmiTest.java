package io.vigil.source.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class NvidiaSmiTest {

    @Test
    void parsesOneLinePerDevice() {
        GpuReading reading = NvidiaSmi.parse("""
                0, NVIDIA H100 80GB HBM3, 37, 40960, 81559, 41
                1, NVIDIA H100 80GB HBM3, 0, 2, 81559, 30
                """);
        assertThat(reading.status()).isEqualTo(GpuReading.PRESENT);
        assertThat(reading.devices()).hasSize(2);
        GpuReading.GpuDevice first = reading.devices().get(0);
        assertThat(first.index()).isZero();
        assertThat(first.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(first.utilizationPercent()).isEqualTo(37.0);
        assertThat(first.memoryUsedBytes()).isEqualTo(40960L * 1024 * 1024);
        assertThat(first.memoryTotalBytes()).isEqualTo(81559L * 1024 * 1024);
        assertThat(first.memoryPercent()).isCloseTo(50.22, org.assertj.core.data.Offset.offset(0.01));
        assertThat(first.temperatureCelsius()).isEqualTo(41.0);
    }

    @Test
    void valuesTheDriverCannotReadAreNotNumbers() {
        GpuReading reading = NvidiaSmi.parse("0, Tesla T4, [N/A], 10, 15360, [N/A]\n");
        assertThat(reading.devices().get(0).utilizationPercent()).isNaN();
        assertThat(reading.devices().get(0).temperatureCelsius()).isNaN();
    }

    @Test
    void garbageIsAnErrorAndNothingIsAbsent() {
        assertThat(NvidiaSmi.parse("Failed to initialize NVML: Driver/library version mismatch").status())
                .isEqualTo(GpuReading.ERROR);
        assertThat(NvidiaSmi.parse("").status()).isEqualTo(GpuReading.ABSENT);
    }

    @Test
    void aMissingDriverIsAbsentNotAnError() {
        GpuReading reading = new NvidiaSmi("nvidia-smi-that-is-not-installed", Duration.ofSeconds(1), Duration.ofSeconds(1))
                .read();
        assertThat(reading.status()).isEqualTo(GpuReading.ABSENT);
        assertThat(reading.devices()).isEmpty();
    }
}
