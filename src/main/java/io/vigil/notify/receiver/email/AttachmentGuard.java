package io.vigil.notify.receiver.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The size guard of an email: attachments are taken in order while their total stays within the limit; what does
 * not fit (or cannot be read) is left out with a line saying why, for the body.
 */
public final class AttachmentGuard {

    /** Something that may be attached: bytes at hand, or a file read only when it fits. */
    public interface Candidate {

        String name();

        /** @throws IOException when the size cannot be known (the file is missing or unreadable) */
        long size() throws IOException;

        byte[] read() throws IOException;

        String contentType();

        static Candidate of(Attachment attachment) {
            return new Candidate() {

                public String name() {
                    return attachment.name();
                }

                public long size() {
                    return attachment.size();
                }

                public byte[] read() {
                    return attachment.data();
                }

                public String contentType() {
                    return attachment.contentType();
                }
            };
        }

        static Candidate of(Path file) {
            return new Candidate() {

                public String name() {
                    return file.getFileName().toString();
                }

                public long size() throws IOException {
                    return Files.size(file);
                }

                public byte[] read() throws IOException {
                    return Files.readAllBytes(file);
                }

                public String contentType() {
                    String name = name().toLowerCase(java.util.Locale.ROOT);
                    if (name.endsWith(".txt") || name.endsWith(".log") || name.endsWith(".csv") || name.endsWith(".trc")) {
                        return "text/plain";
                    }
                    return "application/octet-stream";
                }
            };
        }
    }

    /** What leaves attached, and one line per attachment left out. */
    public record Outcome(List<Attachment> attached, List<String> omitted) {

        public long totalBytes() {
            return attached.stream().mapToLong(Attachment::size).sum();
        }
    }

    private AttachmentGuard() {
    }

    public static Outcome fit(List<Candidate> candidates, long maxBytes) {
        List<Attachment> attached = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        long used = 0;
        String limit = ByteSize.format(maxBytes);
        for (Candidate candidate : candidates) {
            long size;
            try {
                size = candidate.size();
            } catch (IOException e) {
                omitted.add("omitted: " + candidate.name() + " cannot be read (" + reason(e) + ")");
                continue;
            }
            if (size > maxBytes) {
                omitted.add("omitted: " + candidate.name() + " (" + ByteSize.format(size) + ") exceeds the " + limit + " limit");
                continue;
            }
            if (used + size > maxBytes) {
                omitted.add(
                        "omitted: " + candidate.name() + " (" + ByteSize.format(size) + ") would take the attachments past the "
                                + limit + " limit");
                continue;
            }
            byte[] data;
            try {
                data = candidate.read();
            } catch (IOException e) {
                omitted.add("omitted: " + candidate.name() + " cannot be read (" + reason(e) + ")");
                continue;
            }
            if (used + data.length > maxBytes) {
                omitted.add("omitted: " + candidate.name() + " (" + ByteSize.format(data.length) + ") grew past the " + limit
                        + " limit");
                continue;
            }
            used += data.length;
            attached.add(new Attachment(candidate.name(), data, candidate.contentType()));
        }
        return new Outcome(List.copyOf(attached), List.copyOf(omitted));
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "access denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
