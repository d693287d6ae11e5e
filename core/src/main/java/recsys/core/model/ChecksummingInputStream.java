package recsys.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * A buffered input stream that knows the CRC-32 of every byte its reader has taken so far, for the binary artifacts
 * whose last four bytes are the CRC-32 of all the bytes before them.
 *
 * <p>Written by hand because the JDK's pair for this is slow on such files: under a {@code DataInputStream} each
 * {@code readFloat} is four single-byte reads, and {@code CheckedInputStream} over a {@code BufferedInputStream}
 * turns each of them into a synchronized read and a one-byte CRC update. At the ml-25m shape that was about a third
 * of the service's model load (JFR, 190 MB of artifacts). Here single bytes come from an unsynchronized buffer, and
 * the CRC is updated over whole stretches of taken bytes. Not thread-safe, like the readers it serves.
 */
public final class ChecksummingInputStream extends InputStream {

    private static final int BUFFER = 1 << 16;

    private final InputStream source;
    private final byte[] buffer = new byte[BUFFER];
    private final CRC32 crc = new CRC32();
    /** The next byte to hand out, the end of the buffered bytes, and how many of them the CRC has seen. */
    private int position;
    private int limit;
    private int checksummed;

    public ChecksummingInputStream(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /** The CRC-32 of every byte read so far, as the {@code int} the files store. */
    public int checksum() {
        crc.update(buffer, checksummed, position - checksummed);
        checksummed = position;
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private boolean fill() throws IOException {
        checksum();
        position = 0;
        limit = 0;
        checksummed = 0;
        int n;
        do {
            n = source.read(buffer, 0, BUFFER);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
