package recsys.core.model;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The frame of the encoder state and the top-N artifact files: a magic number and a format version first, the body,
 * and the CRC-32 of every byte before it last; a reader rejects another file, another version, truncation,
 * corruption and trailing bytes with an {@link IOException} naming the file kind.
 */
public final class ChecksummedFile {

    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private ChecksummedFile() {
    }

    public static void write(OutputStream target, int magic, int version, Body body) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream raw = new DataOutputStream(new BufferedOutputStream(target));
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
        out.writeInt(magic);
        out.writeInt(version);
        body.write(out);
        out.flush();
        raw.writeInt((int) crc.getValue());
        raw.flush();
    }

    /**
     * @param kind names the file in errors, e.g. "item neighbour file"
     * @throws IOException also when the body's reader rejects a value with an IllegalArgumentException
     */
    public static <T> T read(InputStream source, int magic, int version, String kind, Reader<T> body) throws IOException {
        ChecksummingInputStream counted = new ChecksummingInputStream(source);
        DataInputStream in = new DataInputStream(counted);
        try {
            if (in.readInt() != magic) {
                throw new IOException("not an " + kind + " (bad magic)");
            }
            int found = in.readInt();
            if (found != version) {
                throw new IOException(kind + " version " + found + " is not " + version);
            }
            T value = body.read(in);
            int expected = counted.checksum();
            if (in.readInt() != expected) {
                throw new IOException(kind + " is corrupted (checksum mismatch)");
            }
            if (in.read() != -1) {
                throw new IOException(kind + " has bytes after its checksum");
            }
            return value;
        } catch (EOFException e) {
            throw new IOException(kind + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(kind + " holds invalid values: " + e.getMessage(), e);
        }
    }

    /** A count read from a file, bounded so a corrupted one cannot ask for an absurd allocation. */
    public static int count(int value, String kind, String what) throws IOException {
        if (value < 0 || value > 50_000_000) {
            throw new IOException(kind + " has an impossible number of " + what + ": " + value);
        }
        return value;
    }
}
