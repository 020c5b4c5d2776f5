package io.vigil.hub.persist;

import static io.vigil.hub.persist.TestHistory.CPU;
import static io.vigil.hub.persist.TestHistory.GPU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.hub.HistoryStore;
import io.vigil.hub.SeriesSnapshot;

/** The snapshot format on its own: what goes in comes out, and anything else is refused whole. */
class SnapshotFormatTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSnapshotReadsBackSeriesForSeriesRawAndRollup() throws IOException {
        HistoryStore store = TestHistory.store();
        TestHistory.fill(store, T0, T0.plusSeconds(900));
        List<SeriesSnapshot> before = new ArrayList<>();
        store.forEachSeries(before::add);

        byte[] bytes = write(store, T0.plusSeconds(900));
        List<SeriesSnapshot> after = new ArrayList<>();
        SnapshotFormat.Contents contents = SnapshotFormat.read(bytes, after::add);

        assertThat(contents).isEqualTo(new SnapshotFormat.Contents(T0.plusSeconds(900).toEpochMilli(), 2));
        assertThat(after).extracting(SeriesSnapshot::key).containsExactlyInAnyOrder(CPU, GPU);
        for (SeriesSnapshot expected : before) {
            SeriesSnapshot actual = after.stream().filter(s -> s.key().equals(expected.key())).findFirst().orElseThrow();
            assertThat(actual.source()).isEqualTo("host");
            assertThat(actual.lastUpdateMs()).isEqualTo(expected.lastUpdateMs());
            assertThat(actual.rawTimes()).hasSize(600).containsExactly(expected.rawTimes());
            assertThat(actual.rawValues()).containsExactly(expected.rawValues());
            assertThat(actual.bucketStarts()).hasSize(15).containsExactly(expected.bucketStarts());
            assertThat(actual.bucketMin()).containsExactly(expected.bucketMin());
            assertThat(actual.bucketMax()).containsExactly(expected.bucketMax());
            assertThat(actual.bucketSum()).containsExactly(expected.bucketSum());
            assertThat(actual.bucketCount()).containsExactly(expected.bucketCount());
        }
    }

    @Test
    void anEmptyHistoryIsASnapshotOfNoSeries() throws IOException {
        byte[] bytes = write(TestHistory.store(), T0);
        assertThat(SnapshotFormat.read(bytes, s -> {
            throw new AssertionError("no series expected");
        })).isEqualTo(new SnapshotFormat.Contents(T0.toEpochMilli(), 0));
    }

    @Test
    void aFileCutShortAnywhereIsRefusedBeforeAnySeriesIsRead() throws IOException {
        HistoryStore store = TestHistory.store();
        TestHistory.fill(store, T0, T0.plusSeconds(120));
        byte[] bytes = write(store, T0.plusSeconds(120));
        for (int length : new int[]{ 0, 3, 6, 20, bytes.length / 2, bytes.length - 13, bytes.length - 1 }) {
            Path torn = dir.resolve("torn-" + length);
            Files.write(torn, Arrays.copyOf(bytes, length));
            List<SeriesSnapshot> read = new ArrayList<>();
            assertThatThrownBy(() -> SnapshotFormat.read(torn, read::add))
                    .isInstanceOf(SnapshotFormat.UnreadableSnapshot.class);
            assertThat(read).as("series read from %d of %d bytes", length, bytes.length).isEmpty();
        }
    }

    @Test
    void aChangedByteIsCaughtByTheChecksum() throws IOException {
        HistoryStore store = TestHistory.store();
        TestHistory.fill(store, T0, T0.plusSeconds(120));
        byte[] bytes = write(store, T0.plusSeconds(120));
        bytes[bytes.length / 2] ^= 0x10;
        List<SeriesSnapshot> read = new ArrayList<>();

        assertThatThrownBy(() -> SnapshotFormat.read(bytes, read::add)).isInstanceOf(SnapshotFormat.UnreadableSnapshot.class)
                .hasMessageContaining("checksum");
        assertThat(read).isEmpty();
    }

    @Test
    void anotherVersionOrAForeignFileIsRefusedSayingWhy() throws IOException {
        byte[] bytes = write(TestHistory.store(), T0);
        byte[] newer = bytes.clone();
        newer[5] = (byte) (SnapshotFormat.VERSION + 1);
        assertThatThrownBy(() -> SnapshotFormat.read(newer, s -> {
        })).isInstanceOf(SnapshotFormat.UnreadableSnapshot.class)
                .hasMessage("format version " + (SnapshotFormat.VERSION + 1) + ", this Vigil reads version "
                        + SnapshotFormat.VERSION);

        byte[] foreign = "{\"series\": []} and some more text".getBytes();
        assertThatThrownBy(() -> SnapshotFormat.read(foreign, s -> {
        })).isInstanceOf(SnapshotFormat.UnreadableSnapshot.class).hasMessageStartingWith("not a Vigil history snapshot");
    }

    @Test
    void aFileWrittenByTheFileTargetReadsBackAndLeavesNoTemporaryFile() throws IOException {
        HistoryStore store = TestHistory.store();
        TestHistory.fill(store, T0, T0.plusSeconds(60));
        FileTarget target = new FileTarget(dir.resolve("data/history.snapshot"));
        target.checkWritable();

        long size = target.write(T0.plusSeconds(60).toEpochMilli(), store::forEachSeries);

        assertThat(dir.resolve("data/history.snapshot")).hasSize(size);
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files).containsExactly(dir.resolve("data/history.snapshot"));
        }
        assertThat(target.read(s -> {
        }).series()).isEqualTo(2);
    }

    private static byte[] write(HistoryStore store, Instant at) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFormat.write(out, at.toEpochMilli(), store::forEachSeries);
        return out.toByteArray();
    }
}
