package io.vigil.hub.persist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import io.vigil.hub.SeriesSnapshot;

/**
 * A snapshot file. It is written beside itself ({@code <name>.tmp}), forced to disk, then renamed over the previous
 * one: a crash at any moment leaves either the previous snapshot or the new one in place, never half of one.
 */
final class FileTarget implements SnapshotTarget {

    private final Path file;
    private final Path temp;

    FileTarget(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void checkWritable() throws IOException {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the directory " + dir, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    @Override
    public long write(long writtenAtMs, SnapshotFormat.SeriesSupplier supplier) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            SnapshotFormat.write(out, writtenAtMs, supplier);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.size(file);
    }

    @Override
    public SnapshotFormat.Contents read(Consumer<SeriesSnapshot> consumer) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return SnapshotFormat.read(file, consumer);
    }
}
