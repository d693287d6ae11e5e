package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ChecksummingInputStreamTest {

    /** A source that hands out at most a few bytes per call, and sometimes none, as a network stream may. */
    private static final class TrickleStream extends InputStream {
        private final ByteArrayInputStream bytes;
        private final Random random;

        TrickleStream(byte[] data, long seed) {
            this.bytes = new ByteArrayInputStream(data);
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(Math.max(1, Math.min(length, 70_000)));
            return n == 0 && bytes.available() > 0 ? 0 : bytes.read(target, offset, Math.min(n, length));
        }
    }

    @Test
    void handsOutTheSourceBytesAndTheirCrcAtAnyPoint() throws IOException {
        Random random = new Random(7);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        for (long seed = 0; seed < 5; seed++) {
            ChecksummingInputStream in = new ChecksummingInputStream(seed == 0 ? new ByteArrayInputStream(data)
                    : new TrickleStream(data, seed));
            byte[] read = new byte[data.length];
            int at = 0;
            while (at < data.length) {
                if (random.nextBoolean()) {
                    read[at++] = (byte) in.read();
                } else {
                    int n = in.read(read, at, Math.min(data.length - at, random.nextInt(100_000)));
                    at += Math.max(n, 0);
                }
                if (random.nextInt(10) == 0) {
                    assertEquals(crcOf(data, at), in.checksum(), "after " + at + " bytes, source " + seed);
                }
            }
            assertArrayEquals(data, read);
            assertEquals(crcOf(data, data.length), in.checksum());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 0, 4));
            assertEquals(crcOf(data, data.length), in.checksum(), "the end adds nothing");
        }
    }

    private static int crcOf(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(Arrays.copyOf(data, length));
        return (int) crc.getValue();
    }
}
