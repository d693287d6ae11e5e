package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChecksumsTest {

    // FIPS 180-2, appendix B.1
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void sha256OfTheStandardTestVector() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC, ModelChecksums.sha256Hex(abc));
        assertEquals(ABC, ModelChecksums.sha256Hex(new ByteArrayInputStream(abc)));
    }

    @Test
    void aModelFileMatchesTheDigestOfItsBytes(@TempDir Path dir) throws IOException {
        TreeEnsemble ensemble = TreeEnsembleTest.boosted();
        Path file = dir.resolve("ranker.rten");
        try (OutputStream out = Files.newOutputStream(file)) {
            ensemble.write(out);
        }
        String digest = ModelChecksums.sha256Hex(ensemble.toByteArray());
        assertEquals(digest, ModelChecksums.sha256Hex(file));
        ModelChecksums.verifySha256(file, digest.toUpperCase());

        String message = assertThrows(IOException.class, () -> ModelChecksums.verifySha256(file, ABC)).getMessage();
        assertTrue(message.contains("checksum mismatch for " + file), message);
    }
}
