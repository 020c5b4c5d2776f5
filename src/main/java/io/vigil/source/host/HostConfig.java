package io.vigil.source.host;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The host source: this machine's CPU, memory, disks, network and GPUs. */
@ConfigMapping(prefix = "vigil.host")
public interface HostConfig {

    /** Whether the host is watched at all. */
    boolean enabled();

    /** Time between two readings; 1 s is the finest that stays cheap. */
    Duration interval();

    /**
     * Time between two readings of what changes slowly (file systems and their sizes, the disks and network interfaces
     * that are watched); the ticks between reuse the last.
     */
    Duration slowInterval();

    /** Network interfaces not reported, by exact name. */
    java.util.List<String> excludedInterfaces();

    /** Whether GPUs are read. */
    @WithName("gpu.enabled")
    boolean gpuEnabled();

    /** The nvidia-smi executable (a name on the PATH or a full path). */
    @WithName("gpu.command")
    String gpuCommand();

    /**
     * Longest wait for nvidia-smi's first answer; a GPU whose last line is older than {@code interval} plus this is
     * an error.
     */
    @WithName("gpu.timeout")
    Duration gpuTimeout();
}
