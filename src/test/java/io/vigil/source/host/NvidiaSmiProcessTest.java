package io.vigil.source.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real process path, with a script in nvidia-smi's place that loops as {@code --loop-ms} does. */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class NvidiaSmiProcessTest {

    @TempDir
    Path dir;

    Path fakeNvidiaSmi(String body) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> \"" + dir.resolve("starts") + "\"\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    long starts() throws IOException {
        Path starts = dir.resolve("starts");
        return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
    }

    long running() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                .count();
    }

    @Test
    void oneLoopingProcessServesEveryTickAndIsStoppedOnClose() throws Exception {
        Path script = fakeNvidiaSmi("""
                while true; do
                  echo "0, NVIDIA H200, 12, 1024, 143771, 35"
                  sleep 0.1
                done
                """);
        try (NvidiaSmi smi = new NvidiaSmi(script.toString(), Duration.ofSeconds(5), Duration.ofMillis(100))) {
            for (int i = 0; i < 5; i++) {
                GpuReading reading = smi.read();
                assertThat(reading.status()).isEqualTo(GpuReading.PRESENT);
                assertThat(reading.devices().get(0).name()).isEqualTo("NVIDIA H200");
                Thread.sleep(100);
            }
            assertThat(starts()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("starts"))).contains("--query-gpu=" + NvidiaSmi.QUERY,
                    "--format=csv,noheader,nounits", "--loop-ms=100");
            assertThat(running()).isEqualTo(1);
            smi.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> running() == 0);
        }
    }

    @Test
    void aProcessThatExitsIsReportedAndStartedAgain() throws Exception {
        Path script = fakeNvidiaSmi("""
                echo "Unable to determine the device handle for GPU0000:01:00.0: Unknown Error"
                exit 15
                """);
        try (NvidiaSmi smi = new NvidiaSmi(script.toString(), Duration.ofSeconds(5), Duration.ofMillis(100))) {
            GpuReading reading = smi.read();
            assertThat(reading.status()).isEqualTo(GpuReading.ERROR);
            assertThat(reading.detail()).endsWith("exited with 15: Unable to determine the device handle for "
                    + "GPU0000:01:00.0: Unknown Error");
            await().atMost(Duration.ofSeconds(10)).until(() -> starts() >= 2);
        }
    }
}
