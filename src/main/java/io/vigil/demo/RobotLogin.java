package io.vigil.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * How the simulated robot process reaches the embedded HxRun database. It travels in a file only Vigil's user can
 * read, never on the command line: a command line is shown by {@code ps} to every local user and by
 * {@code /api/v1/executions} to every viewer. Only JDK types here: {@link RobotRun} reads it in its own JVM.
 */
record RobotLogin(String url, String user, String password, String table) {

    /** Writes a new file readable and writable by its owner alone (0600 where the file system has POSIX modes). */
    Path writeToNewFile() throws IOException {
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("vigil-robot-", ".properties",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                // Elsewhere (Windows) the temporary folder is the user's own.
                : Files.createTempFile("vigil-robot-", ".properties");
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("table", table);
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "Vigil demo: the simulated robot's login to the HxRun database, valid until Vigil stops");
        }
        return file;
    }

    static RobotLogin read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new RobotLogin(p.getProperty("url"), p.getProperty("user"), p.getProperty("password"), p.getProperty("table"));
    }
}
