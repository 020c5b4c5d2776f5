package io.vigil.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged application as the launcher and the images run it. A signed jar's classes are verified as they load
 * and cannot go into the JVM's start-up cache, and its manifest (a digest per class) is read whole at the first service
 * look-up: the signed jars among the dependencies (the SQL Server driver, which Agroal loads at every start, and
 * BouncyCastle) are packaged without their signature files ({@code quarkus.class-loading.removed-resources}), whose
 * names a new version may change.
 */
class PackagedJarsIT {

    private static final Path LIB = Path.of("target", "quarkus-app", "lib", "main");

    @Test
    void noPackagedJarIsSigned() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(LIB)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).as("the jars in " + LIB)
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("com.microsoft.sqlserver.mssql-jdbc-"))
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("org.bouncycastle.bcprov-"));
        assertThat(jars.stream().filter(PackagedJarsIT::signed).map(p -> p.getFileName().toString()).toList())
                .as("jars with signature files").isEmpty();
    }

    private static boolean signed(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
