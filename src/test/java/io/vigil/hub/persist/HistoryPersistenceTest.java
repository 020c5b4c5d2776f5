package io.vigil.hub.persist;

import static io.vigil.hub.persist.TestHistory.CPU;
import static io.vigil.hub.persist.TestHistory.GPU;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.hub.HistoryPoint;
import io.vigil.hub.HistoryStore;
import io.vigil.hub.Sample;

/** A restarted Vigil, played by a second store over the same data directory, starts with the charts of the first. */
class HistoryPersistenceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private HistoryPersistence persistence(HistoryStore store, Instant now) {
        return new HistoryPersistence(new FileTarget(dir.resolve("data/history.snapshot")), store,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A store with 30 minutes of history, saved at {@code stop}. */
    private HistoryStore savedAt(Instant stop) {
        HistoryStore store = TestHistory.store();
        TestHistory.fill(store, T0, stop);
        assertThat(persistence(store, stop).save()).isTrue();
        return store;
    }

    @Test
    void aRestartedStoreStartsWithTheRawWindowAndTheRollupOfTheFirst() {
        Instant stop = T0.plus(Duration.ofMinutes(30));
        HistoryStore first = savedAt(stop);

        Instant restart = stop.plusSeconds(20);
        HistoryStore second = TestHistory.store();
        assertThat(persistence(second, restart).load()).isEqualTo(2);

        for (var key : List.of(CPU, GPU)) {
            assertThat(TestHistory.raw(second, key, restart)).isEqualTo(TestHistory.raw(first, key, restart)).hasSize(580);
            assertThat(TestHistory.rollup(second, key, restart)).isEqualTo(TestHistory.rollup(first, key, restart))
                    .hasSize(30);
        }
        // The restarted store goes on recording after the restored points.
        second.record("host", List.of(Sample.of(CPU.name(), 99, restart)), restart);
        List<HistoryPoint> raw = TestHistory.raw(second, CPU, restart);
        assertThat(raw.get(raw.size() - 1)).isEqualTo(new HistoryPoint(restart.toEpochMilli(), 99, 99, 99, 1));
    }

    @Test
    void aStopBeforeTheHistoryWasRestoredLeavesTheSnapshotAsItIs() {
        // Vigil is ready before it restores the history (that follows in the background): stopped in between, it
        // must not write its still empty store over the charts of the last run.
        Instant stop = T0.plus(Duration.ofMinutes(30));
        HistoryStore first = savedAt(stop);

        HistoryPersistence restarted = persistence(TestHistory.store(), stop.plusSeconds(5));
        restarted.onStop(null);
        restarted.onSchedule();

        HistoryStore third = TestHistory.store();
        assertThat(persistence(third, stop.plusSeconds(10)).load()).isEqualTo(2);
        assertThat(TestHistory.raw(third, CPU, stop.plusSeconds(10)))
                .isEqualTo(TestHistory.raw(first, CPU, stop.plusSeconds(10)));
    }

    @Test
    void samplesOlderThanTheWindowAreDroppedOnLoadAndTheRollupKeepsWhatIsLeftOfItsRetention() {
        Instant stop = T0.plus(Duration.ofMinutes(30));
        HistoryStore first = TestHistory.store();
        TestHistory.fill(first, T0, stop);
        persistence(first, stop).save();

        // Away for 5 minutes of a 10-minute window: half of the raw window is still worth showing.
        Instant restart = stop.plus(Duration.ofMinutes(5));
        HistoryStore second = TestHistory.store();
        persistence(second, restart).load();

        List<HistoryPoint> raw = TestHistory.raw(second, CPU, restart);
        assertThat(raw).hasSize(300);
        assertThat(raw.get(0).epochMs()).isEqualTo(restart.minus(TestHistory.WINDOW).toEpochMilli());
        assertThat(TestHistory.rollup(second, CPU, restart)).hasSize(30);

        // Away for 110 minutes of a 2-hour roll-up: only its newest 10 buckets remain; the series, not updated for
        // longer than the window, would have been evicted by a running store, so it is not taken back at all.
        Instant muchLater = stop.plus(Duration.ofMinutes(110));
        HistoryStore third = TestHistory.store();
        assertThat(persistence(third, muchLater).load()).isZero();
        assertThat(third.find(CPU)).isEmpty();
    }

    @Test
    void aTornSnapshotIsSkippedWithAWarningAndTheNextSnapshotReplacesIt() throws IOException {
        HistoryStore first = TestHistory.store();
        TestHistory.fill(first, T0, T0.plusSeconds(120));
        persistence(first, T0.plusSeconds(120)).save();
        Path file = dir.resolve("data/history.snapshot");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        HistoryStore second = TestHistory.store();
        HistoryPersistence restarted = persistence(second, T0.plusSeconds(130));
        assertThat(restarted.load()).isZero();
        assertThat(restarted.enabled()).isTrue();
        assertThat(second.find(CPU)).isEmpty();

        TestHistory.fill(second, T0.plusSeconds(130), T0.plusSeconds(140));
        assertThat(restarted.save()).isTrue();
        HistoryStore third = TestHistory.store();
        assertThat(persistence(third, T0.plusSeconds(141)).load()).isEqualTo(2);
        assertThat(TestHistory.raw(third, CPU, T0.plusSeconds(141))).hasSize(10);
    }

    @Test
    void whereNoDirectoryCanBeWrittenPersistenceTurnsItselfOff() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        HistoryStore store = TestHistory.store();
        HistoryPersistence persistence = new HistoryPersistence(new FileTarget(notADirectory.resolve("history.snapshot")),
                store, Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(persistence.load()).isZero();
        assertThat(persistence.enabled()).isFalse();
        TestHistory.fill(store, T0, T0.plusSeconds(5));
        assertThat(persistence.save()).isFalse();
    }

    @Test
    void seriesRecordedBeforeTheLoadWinOverTheSnapshot() {
        HistoryStore first = TestHistory.store();
        TestHistory.fill(first, T0, T0.plusSeconds(60));
        persistence(first, T0.plusSeconds(60)).save();

        HistoryStore second = TestHistory.store();
        Instant now = T0.plusSeconds(70);
        second.record("host", List.of(Sample.of(CPU.name(), 5, now)), now);
        assertThat(persistence(second, now).load()).isEqualTo(1);

        assertThat(TestHistory.raw(second, CPU, now)).extracting(HistoryPoint::value).containsExactly(5.0);
        assertThat(TestHistory.raw(second, GPU, now)).hasSize(60);
    }
}
