package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The binary format: layout, round trip, and every way a file can be wrong. */
class TreeEnsembleFormatTest {

    private static TreeEnsemble read(byte[] bytes) throws IOException {
        return TreeEnsemble.read(new ByteArrayInputStream(bytes));
    }

    /** Puts a correct CRC-32 back after a deliberate edit, so the check under test is the one after the checksum. */
    private static byte[] withChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private static String failure(byte[] bytes) {
        return assertThrows(TreeEnsembleFormatException.class, () -> read(bytes)).getMessage();
    }

    @Test
    void roundTripGivesAnEqualEnsembleWithTheSamePredictions() throws IOException {
        for (TreeEnsemble ensemble : List.of(TreeEnsembleTest.forest(), TreeEnsembleTest.boosted())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ensemble.write(out);
            assertArrayEquals(ensemble.toByteArray(), out.toByteArray());

            TreeEnsemble copy = TreeEnsemble.read(new ByteArrayInputStream(out.toByteArray()), 3);
            assertEquals(ensemble, copy);
            assertEquals(ensemble.kind(), copy.kind());
            for (double[] row : new double[][] {{0.5, 10, 0}, {1, 11, -1}, {1, 11, 0}, {-7, 3, 2}}) {
                assertEquals(ensemble.predict(row), copy.predict(row), 0.0);
            }
            assertArrayEquals(ensemble.toByteArray(), copy.toByteArray());
        }
    }

    @Test
    void layoutIsTheDocumentedOne() {
        byte[] bytes = TreeEnsembleTest.forest().toByteArray();
        // header 21 + tree A (12 + 2 splits x 20 + 3 leaves x 12) + tree B (12 + 20 + 2 x 12) + CRC 4
        assertEquals(21 + (12 + 2 * 20 + 3 * 12) + (12 + 20 + 2 * 12) + 4, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes);
        assertEquals("RTEN", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(TreeEnsemble.FORMAT_VERSION, data.getInt(4));
        assertEquals(bytes.length, data.getInt(8));
        assertEquals(1, data.get(12));                 // random forest
        assertEquals(3, data.getInt(13));              // features
        assertEquals(2, data.getInt(17));              // trees
        assertEquals(1.0, data.getDouble(21));         // tree A's weight
        assertEquals(5, data.getInt(29));              // tree A's nodes
        assertEquals(0, data.getInt(33));              // root splits on x0
        assertEquals(0.5, data.getDouble(37));         // at 0.5
        assertEquals(1, data.getInt(45));              // left child
        assertEquals(2, data.getInt(49));              // right child
        assertEquals(-1, data.getInt(53));             // node 1 is a leaf
        assertEquals(1.0, data.getDouble(57));         // predicting 1.0
    }

    @Test
    void wrongFeatureCountIsRejected() {
        byte[] bytes = TreeEnsembleTest.forest().toByteArray();
        String message = assertThrows(TreeEnsembleFormatException.class,
                () -> TreeEnsemble.read(new ByteArrayInputStream(bytes), 30)).getMessage();
        assertTrue(message.contains("trained on 3 features but the caller encodes 30"), message);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] bytes = TreeEnsembleTest.boosted().toByteArray();
        for (int length = 0; length < bytes.length; length++) {
            String message = failure(Arrays.copyOf(bytes, length));
            assertTrue(message.contains("truncated"), length + " bytes: " + message);
        }
    }

    @Test
    void everyCorruptedByteIsRejected() {
        byte[] original = TreeEnsembleTest.boosted().toByteArray();
        for (int i = 0; i < original.length; i++) {
            byte[] bytes = original.clone();
            bytes[i] ^= (byte) 0x5A;
            assertThrows(TreeEnsembleFormatException.class, () -> read(bytes), "byte " + i);
        }
        byte[] threshold = original.clone();
        threshold[40] ^= 0x01;                         // a low bit of the root's threshold
        assertTrue(failure(threshold).startsWith("corrupted tree ensemble: CRC-32 stored"), failure(threshold));
    }

    @Test
    void otherFilesAndOtherVersionsAreNamedAsSuch() {
        assertTrue(failure("{\"trees\": []}".getBytes(StandardCharsets.UTF_8)).startsWith("not a tree ensemble"));

        byte[] version2 = TreeEnsembleTest.forest().toByteArray();
        ByteBuffer.wrap(version2).putInt(4, 2);
        String message = failure(withChecksum(version2));
        assertTrue(message.contains("format version 2 is not supported: this code reads version 1"), message);
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = TreeEnsembleTest.forest().toByteArray();
        String message = failure(Arrays.copyOf(bytes, bytes.length + 3));
        assertTrue(message.contains("followed by 3 more"), message);
    }

    @Test
    void structuralErrorsBehindAValidChecksumAreRejected() {
        byte[] badChild = TreeEnsembleTest.forest().toByteArray();
        ByteBuffer.wrap(badChild).putInt(49, 9);        // tree A's root: right child 9 of 5 nodes
        String child = failure(withChecksum(badChild));
        assertTrue(child.contains("tree 0 of 2 is invalid: node 0 has child 9"), child);

        byte[] badFeature = TreeEnsembleTest.forest().toByteArray();
        ByteBuffer.wrap(badFeature).putInt(13, 2);       // claim 2 features: tree A splits on x2
        String feature = failure(withChecksum(badFeature));
        assertTrue(feature.contains("splits on feature 2 but the ensemble has 2 features"), feature);

        byte[] badKind = TreeEnsembleTest.forest().toByteArray();
        badKind[12] = 7;
        assertTrue(failure(withChecksum(badKind)).contains("unknown ensemble kind 7"));

        byte[] badWeight = TreeEnsembleTest.forest().toByteArray();
        ByteBuffer.wrap(badWeight).putDouble(21, 0.5);   // a random forest tree must weigh 1.0
        assertTrue(failure(withChecksum(badWeight)).contains("tree 0 has weight 0.5"));

        byte[] badCount = TreeEnsembleTest.forest().toByteArray();
        ByteBuffer.wrap(badCount).putInt(29, 1_000_000); // more nodes than bytes left
        assertTrue(failure(withChecksum(badCount)).contains("tree 0 of 2 has 1000000 nodes, which do not fit"));
    }
}
