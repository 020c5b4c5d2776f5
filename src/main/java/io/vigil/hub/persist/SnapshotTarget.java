package io.vigil.hub.persist;

import java.io.IOException;
import java.util.function.Consumer;

import io.vigil.hub.SeriesSnapshot;

/** Where snapshots go: a file or a Redis key. Both write a whole snapshot at once, so a reader never sees half of one. */
interface SnapshotTarget {

    /** For log lines: the file or the key. */
    String describe();

    /** Whether a snapshot can be written here; when not, the message says why. */
    void checkWritable() throws IOException;

    /** Writes a whole snapshot and returns its size in bytes. */
    long write(long writtenAtMs, SnapshotFormat.SeriesSupplier supplier) throws IOException;

    /** Reads the snapshot there, if any; {@code null} when there is none. */
    SnapshotFormat.Contents read(Consumer<SeriesSnapshot> consumer) throws IOException;
}
