package io.vigil.notify.receiver.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.notify.receiver.email.AttachmentGuard.Candidate;

class AttachmentGuardTest {

    static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    Path file(String name, long size) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[(int) size]);
        return p;
    }

    @Test
    void dropsWhatExceedsTheLimitAndSaysSo() throws IOException {
        Attachment summary = new Attachment("alerts-summary.txt", "summary".getBytes(), "text/plain");
        AttachmentGuard.Outcome out = AttachmentGuard.fit(List.of(Candidate.of(summary),
                Candidate.of(file("run.trc", 2 * MB)), Candidate.of(file("x.log", (long) (3.2 * MB))),
                Candidate.of(file("huge.log", 11 * MB))), 5 * MB);
        assertThat(out.attached()).extracting(Attachment::name).containsExactly("alerts-summary.txt", "run.trc");
        assertThat(out.omitted()).containsExactly(
                "omitted: x.log (3.2 MB) would take the attachments past the 5 MB limit",
                "omitted: huge.log (11 MB) exceeds the 5 MB limit");
        assertThat(out.totalBytes()).isEqualTo(2 * MB + 7);
    }

    @Test
    void theBriefsExampleReadsAsWritten() throws IOException {
        AttachmentGuard.Outcome out = AttachmentGuard.fit(List.of(Candidate.of(file("x.log", 10 * MB + 1))), 10 * MB);
        assertThat(out.attached()).isEmpty();
        assertThat(out.omitted()).containsExactly("omitted: x.log (10 MB) exceeds the 10 MB limit");
    }

    @Test
    void aMissingFileIsReportedNotFatal() throws IOException {
        AttachmentGuard.Outcome out = AttachmentGuard.fit(List.of(Candidate.of(dir.resolve("gone.log")),
                Candidate.of(file("ok.log", 10))), MB);
        assertThat(out.attached()).extracting(Attachment::name).containsExactly("ok.log");
        assertThat(out.omitted()).containsExactly("omitted: gone.log cannot be read (no such file)");
    }

    @Test
    void sizesReadLikePeopleWriteThem() {
        assertThat(ByteSize.format(512)).isEqualTo("512 B");
        assertThat(ByteSize.format(10 * MB)).isEqualTo("10 MB");
        assertThat(ByteSize.format((long) (3.2 * MB))).isEqualTo("3.2 MB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KB");
    }
}
