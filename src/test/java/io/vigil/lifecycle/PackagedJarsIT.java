package io.vigil.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged application as the launcher and the images run it. A signed jar's classes are verified as they load
 * and cannot go into the JVM's start-up cache: the SQL Server driver, which Agroal loads at every start, is packaged
 * without its signature (quarkus.class-loading.removed-resources).
 */
class PackagedJarsIT {

    private static final Path LIB = Path.of("target", "quarkus-app", "lib", "main");

    @Test
    void theSqlServerDriverIsPackagedUnsigned() throws IOException {
        List<Path> drivers;
        try (Stream<Path> jars = Files.list(LIB)) {
            drivers = jars.filter(p -> p.getFileName().toString().startsWith("com.microsoft.sqlserver.mssql-jdbc-")).toList();
        }
        assertThat(drivers).as("the SQL Server driver in " + LIB).hasSize(1);
        try (JarFile jar = new JarFile(drivers.get(0).toFile())) {
            assertThat(jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("META-INF/") && n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList())
                    .as("signature files").isEmpty();
            assertThat(jar.getEntry("com/microsoft/sqlserver/jdbc/SQLServerDriver.class")).isNotNull();
        }
    }
}
