package io.vigil.source.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;

/** The long-lived nvidia-smi, fed a fake stream of its lines. */
class NvidiaSmiStreamTest {

    static final String GPU0 = "0, NVIDIA H100 80GB HBM3, 37, 40960, 81559, 41";
    static final String GPU1 = "1, NVIDIA H100 80GB HBM3, 0, 2, 81559, 30";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    NvidiaSmi smi(Supplier<Multi<String>> lines) {
        return new NvidiaSmi("nvidia-smi", TIMEOUT, INTERVAL, lines, Duration.ofMillis(10), clock);
    }

    @Test
    void eachLineIsTheLatestReadingOfItsGpu() {
        try (NvidiaSmi smi = smi(() -> Multi.createFrom().<String>emitter(e -> {
            e.emit(GPU0);
            e.emit(GPU1);
            e.emit("0, NVIDIA H100 80GB HBM3, 99, 40960, 81559, 45");
        }))) {
            GpuReading reading = smi.read();
            assertThat(reading.status()).isEqualTo(GpuReading.PRESENT);
            assertThat(reading.devices()).extracting(GpuReading.GpuDevice::index).containsExactly(0, 1);
            assertThat(reading.devices().get(0).utilizationPercent()).isEqualTo(99.0);
            assertThat(reading.devices().get(0).temperatureCelsius()).isEqualTo(45.0);
        }
    }

    @Test
    void theProgramIsStartedOnceForManyReadings() {
        AtomicInteger starts = new AtomicInteger();
        try (NvidiaSmi smi = smi(() -> {
            starts.incrementAndGet();
            return Multi.createFrom().<String>emitter(e -> e.emit(GPU0)); // keeps running, as with --loop-ms
        })) {
            for (int i = 0; i < 5; i++) {
                assertThat(smi.read().status()).isEqualTo(GpuReading.PRESENT);
            }
            assertThat(starts).hasValue(1);
        }
    }

    @Test
    void aMissingDriverIsAbsentAndNeverTriedAgain() {
        AtomicInteger starts = new AtomicInteger();
        try (NvidiaSmi smi = smi(() -> {
            starts.incrementAndGet();
            return Multi.createFrom().failure(new NvidiaSmi.NotInstalled());
        })) {
            assertThat(smi.read().status()).isEqualTo(GpuReading.ABSENT);
            assertThat(smi.read().detail()).contains("not found");
            assertThat(starts).hasValue(1);
        }
    }

    @Test
    void noDevicesIsAbsentNotAnError() {
        try (NvidiaSmi smi = smi(() -> Multi.createFrom().<String>emitter(e -> {
            e.emit("No devices were found");
            e.fail(new NvidiaSmi.Exited(6));
        }))) {
            GpuReading reading = smi.read();
            assertThat(reading.status()).isEqualTo(GpuReading.ABSENT);
            assertThat(reading.detail()).isEqualTo("No devices were found");
        }
    }

    @Test
    void aProgramThatDiesIsAnErrorUntilItsRestartPrintsAgain() {
        AtomicInteger starts = new AtomicInteger();
        try (NvidiaSmi smi = smi(() -> starts.incrementAndGet() == 1
                ? Multi.createFrom().<String>emitter(e -> {
                    e.emit("Failed to initialize NVML: Driver/library version mismatch");
                    e.fail(new NvidiaSmi.Exited(9));
                })
                : Multi.createFrom().<String>emitter(e -> e.emit(GPU0)))) {
            GpuReading first = smi.read();
            // the first run's end is the first answer unless the restart (10 ms later) was quicker
            if (first.status().equals(GpuReading.ERROR)) {
                assertThat(first.detail())
                        .isEqualTo("nvidia-smi exited with 9: Failed to initialize NVML: Driver/library version mismatch");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> smi.read().status().equals(GpuReading.PRESENT));
            assertThat(starts).hasValue(2);
        }
    }

    @Test
    void aGpuThatStopsPrintingIsAnErrorOnceItsLastLineIsStale() {
        NvidiaSmi.State state = NvidiaSmi.State.NOTHING_YET.line(GPU0, clock.instant());
        Duration staleAfter = INTERVAL.plus(TIMEOUT);
        assertThat(state.reading(clock.instant().plus(staleAfter), staleAfter, "silent").status())
                .isEqualTo(GpuReading.PRESENT);
        GpuReading late = state.reading(clock.instant().plus(staleAfter).plusMillis(1), staleAfter, "silent");
        assertThat(late.status()).isEqualTo(GpuReading.ERROR);
        assertThat(late.detail()).isEqualTo("silent");
    }

    @Test
    void nothingAtAllWithinTheTimeoutIsAnError() {
        try (NvidiaSmi smi = new NvidiaSmi("nvidia-smi", Duration.ofMillis(50), INTERVAL,
                () -> Multi.createFrom().nothing(), Duration.ofMillis(10), clock)) {
            GpuReading reading = smi.read();
            assertThat(reading.status()).isEqualTo(GpuReading.ERROR);
            assertThat(reading.detail()).isEqualTo("nvidia-smi did not answer within PT0.05S");
        }
    }
}
