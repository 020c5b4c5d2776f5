package io.vigil.hub.persist;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import io.vigil.hub.SeriesKey;
import io.vigil.hub.SeriesSnapshot;

/**
 * The history snapshot, as bytes. Layout:
 *
 * <pre>
 * "VGLH"  format version (u16)  body (deflate)  body length (i64)  CRC-32 of the body (i32)
 * </pre>
 *
 * The body, once inflated: the time it was written (i64 epoch ms), then per series a tag byte {@code 1}, the name,
 * the number of labels and each label name and value (modified UTF-8), the source, the last update (i64), the raw
 * points (count, first time as i64 then increasing deltas as unsigned varints, values as f64) and the roll-up buckets
 * (count, starts like the times, then min, max and sum as f64 and the count as a varint per bucket); a tag byte
 * {@code 0} and the number of series end it. A file that is cut short, altered, of another format or of another
 * version is refused as a whole before a single series is read from it.
 */
public final class SnapshotFormat {

    public static final int VERSION = 1;
    private static final byte[] MAGIC = { 'V', 'G', 'L', 'H' };
    private static final int HEADER = MAGIC.length + 2;
    private static final int TRAILER = Long.BYTES + Integer.BYTES;

    private SnapshotFormat() {
    }

    /** Why a snapshot cannot be read: the message says so for an operator. */
    public static final class UnreadableSnapshot extends IOException {

        UnreadableSnapshot(String message) {
            super(message);
        }

        UnreadableSnapshot(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What {@link #read} found: when it was written and how many series it held. */
    public record Contents(long writtenAtMs, int series) {
    }

    /** Something that hands over the series to write, one at a time. */
    @FunctionalInterface
    public interface SeriesSupplier {

        void forEachSeries(Consumer<SeriesSnapshot> consumer);
    }

    /** Writes a snapshot of every series {@code supplier} gives to {@code out} and returns how many it wrote. */
    public static int write(OutputStream out, long writtenAtMs, SeriesSupplier supplier) throws IOException {
        out.write(MAGIC);
        out.write(VERSION >>> 8);
        out.write(VERSION & 0xff);
        Counting counting = new Counting(out);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        int[] written = { 0 };
        try {
            DeflaterOutputStream deflate = new DeflaterOutputStream(counting, deflater, 1 << 16);
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(deflate, 1 << 16));
            data.writeLong(writtenAtMs);
            IOException[] failure = { null };
            supplier.forEachSeries(series -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    writeSeries(data, series);
                    written[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            data.writeByte(0);
            data.writeInt(written[0]);
            data.flush();
            deflate.finish();
        } finally {
            deflater.end();
        }
        DataOutputStream trailer = new DataOutputStream(out);
        trailer.writeLong(counting.count);
        trailer.writeInt((int) counting.crc.getValue());
        trailer.flush();
        return written[0];
    }

    private static void writeSeries(DataOutputStream out, SeriesSnapshot s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s.key().name());
        writeVar(out, s.key().labels().size());
        for (Map.Entry<String, String> label : s.key().labels().entrySet()) {
            out.writeUTF(label.getKey());
            out.writeUTF(label.getValue());
        }
        out.writeUTF(s.source());
        out.writeLong(s.lastUpdateMs());
        writeTimes(out, s.rawTimes());
        for (double v : s.rawValues()) {
            out.writeDouble(v);
        }
        writeTimes(out, s.bucketStarts());
        for (int i = 0; i < s.bucketStarts().length; i++) {
            out.writeDouble(s.bucketMin()[i]);
            out.writeDouble(s.bucketMax()[i]);
            out.writeDouble(s.bucketSum()[i]);
            writeVar(out, s.bucketCount()[i]);
        }
    }

    private static void writeTimes(DataOutputStream out, long[] times) throws IOException {
        writeVar(out, times.length);
        for (int i = 0; i < times.length; i++) {
            if (i == 0) {
                out.writeLong(times[0]);
            } else {
                writeVar(out, Math.max(0, times[i] - times[i - 1]));
            }
        }
    }

    /** Reads a snapshot file, checking it whole first, then hands each series to {@code consumer}. */
    public static Contents read(Path file, Consumer<SeriesSnapshot> consumer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            return read(size, (offset, length) -> {
                channel.position(offset);
                return bounded(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), length);
            }, consumer);
        }
    }

    /** Reads a snapshot held in memory (e.g. from Redis), checking it whole first. */
    public static Contents read(byte[] bytes, Consumer<SeriesSnapshot> consumer) throws IOException {
        return read(bytes.length, (offset, length) -> new ByteArrayInputStream(bytes, (int) offset, (int) length), consumer);
    }

    @FunctionalInterface
    private interface Region {

        InputStream open(long offset, long length) throws IOException;
    }

    private static Contents read(long size, Region region, Consumer<SeriesSnapshot> consumer) throws IOException {
        byte[] header;
        try (InputStream in = region.open(0, Math.min(size, HEADER))) {
            header = in.readNBytes(HEADER);
        }
        if (header.length < HEADER || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new UnreadableSnapshot("not a Vigil history snapshot (" + size + " bytes)");
        }
        int version = (header[4] & 0xff) << 8 | header[5] & 0xff;
        if (version != VERSION) {
            throw new UnreadableSnapshot("format version " + version + ", this Vigil reads version " + VERSION);
        }
        if (size < HEADER + TRAILER) {
            throw new UnreadableSnapshot("cut short: " + size + " bytes");
        }
        ByteBuffer trailer;
        try (InputStream in = region.open(size - TRAILER, TRAILER)) {
            trailer = ByteBuffer.wrap(in.readNBytes(TRAILER));
        }
        long length = trailer.getLong();
        int crc = trailer.getInt();
        if (length != size - HEADER - TRAILER) {
            throw new UnreadableSnapshot("cut short or altered: its " + size + " bytes do not match its trailer");
        }
        CRC32 actual = new CRC32();
        try (InputStream in = new CheckedInputStream(region.open(HEADER, length), actual)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if ((int) actual.getValue() != crc) {
            throw new UnreadableSnapshot("checksum mismatch: the file was altered or torn");
        }
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new InflaterInputStream(region.open(HEADER, length)), 1 << 16))) {
            long writtenAt = in.readLong();
            int count = 0;
            while (in.readByte() == 1) {
                consumer.accept(readSeries(in));
                count++;
            }
            int declared = in.readInt();
            if (declared != count) {
                throw new UnreadableSnapshot("holds " + count + " series where it says " + declared);
            }
            return new Contents(writtenAt, count);
        } catch (EOFException | java.util.zip.ZipException e) {
            throw new UnreadableSnapshot("body does not decode: " + e.getMessage(), e);
        }
    }

    private static SeriesSnapshot readSeries(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int labelCount = readCount(in);
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelCount; i++) {
            labels.put(in.readUTF(), in.readUTF());
        }
        String source = in.readUTF();
        long lastUpdate = in.readLong();
        long[] times = readTimes(in);
        double[] values = new double[times.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        long[] starts = readTimes(in);
        double[] min = new double[starts.length];
        double[] max = new double[starts.length];
        double[] sum = new double[starts.length];
        int[] count = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            min[i] = in.readDouble();
            max[i] = in.readDouble();
            sum[i] = in.readDouble();
            count[i] = readCount(in);
        }
        return new SeriesSnapshot(new SeriesKey(name, labels), source, lastUpdate, times, values, starts, min, max, sum,
                count);
    }

    private static long[] readTimes(DataInputStream in) throws IOException {
        long[] times = new long[readCount(in)];
        for (int i = 0; i < times.length; i++) {
            times[i] = i == 0 ? in.readLong() : times[i - 1] + readVar(in);
        }
        return times;
    }

    /** A count, bounded so that a foreign body cannot make the reader allocate without end. */
    private static int readCount(DataInputStream in) throws IOException {
        long n = readVar(in);
        if (n > 1 << 24) {
            throw new UnreadableSnapshot("implausible count " + n);
        }
        return (int) n;
    }

    private static void writeVar(DataOutputStream out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVar(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new UnreadableSnapshot("varint too long");
    }

    private static InputStream bounded(InputStream in, long length) {
        return new InputStream() {

            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /** Counts and checksums the deflated bytes on their way out. */
    private static final class Counting extends FilterOutputStream {

        final CRC32 crc = new CRC32();
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            count += len;
        }
    }
}
