package io.vigil.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the host source must say of the GPU on the machine the tests run on. */
public final class Gpu {

    private Gpu() {
    }

    /** {@code present} where {@code nvidia-smi} is on the PATH (a GPU machine), {@code absent} elsewhere. */
    public static String expectedStatus() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean smi = Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
                .anyMatch(d -> Files.isExecutable(Path.of(d, "nvidia-smi")));
        return smi ? "present" : "absent";
    }
}
