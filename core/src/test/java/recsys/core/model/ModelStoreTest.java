package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions laid out by hand with java.nio, as the publisher lays them out on a local file system. */
class ModelStoreTest {

    @TempDir
    Path root;

    @Test
    void nothingPublishedYetIsEmptyNotAnError() throws IOException {
        assertEquals(Optional.empty(), ModelStore.currentVersion(root));
        assertEquals(Optional.empty(), ModelStore.current(root));
    }

    @Test
    void loadsAndVerifiesTheCurrentVersion() throws IOException {
        TreeEnsemble ensemble = TreeEnsembleTest.boosted();
        publish("v1", ensemble);
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals("v1", loaded.version());
        assertEquals(root.resolve("models/v1"), loaded.directory());
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            assertEquals(ensemble, TreeEnsemble.read(in));
        }
        assertEquals(Optional.of("v1"), ModelStore.currentVersion(root));
    }

    @Test
    void aTamperedArtifactFailsNamingTheFile() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        Path model = root.resolve("models/v1/serving/tree-ensemble.bin");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;   // same size, different content
        Files.write(model, bytes);
        String message = assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage();
        assertTrue(message.contains(model.toString()) && message.contains("checksum mismatch"), message);
    }

    @Test
    void aTruncatedArtifactFailsOnItsSize() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        Path model = root.resolve("models/v1/serving/tree-ensemble.bin");
        Files.write(model, new byte[] {1, 2, 3});
        String message = assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage();
        assertTrue(message.contains(model.toString()) && message.contains("the file has 3"), message);
    }

    @Test
    void aChangedFileInASparkFolderFailsNamingTheFolder() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        Path folder = root.resolve("models/v1/spark/hybrid_gbt");
        Files.writeString(folder.resolve("metadata/part-00000"), "{\"class\":\"tampered\"}");
        String message = assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage();
        assertTrue(message.contains(folder.toString()), message);
    }

    @Test
    void aVersionHandsOutTheVerifiedFolderOfASparkModelAndNamesOneItLacks() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals(root.resolve("models/v1/spark/hybrid_gbt"), loaded.sparkModel(ModelKind.HYBRID));
        assertTrue(loaded.has(VersionLayout.TREE_ENSEMBLE));
        assertFalse(loaded.has(VersionLayout.ENCODER_STATE));
        String message = assertThrows(ModelVersionException.class, () -> loaded.sparkModel(ModelKind.ALS))
                .getMessage();
        assertTrue(message.contains("v1") && message.contains("spark/als"), message);
        message = assertThrows(ModelVersionException.class, () -> loaded.path(VersionLayout.ENCODER_STATE))
                .getMessage();
        assertTrue(message.contains("encoder/state.bin"), message);
    }

    @Test
    void aMissingArtifactOrManifestIsReported() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        Files.delete(root.resolve("models/v1/serving/tree-ensemble.bin"));
        assertTrue(assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage()
                .contains("the file is missing"));
        Files.delete(root.resolve("models/v1/manifest.json"));
        assertTrue(assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage()
                .contains("is incomplete"));
    }

    @Test
    void aCurrentPointingNowhereIsAnErrorNotEmpty() throws IOException {
        Files.createDirectories(root.resolve("models"));
        Files.writeString(root.resolve("models/CURRENT"), "v9\n");
        assertTrue(assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage()
                .contains("model version v9 does not exist"));
        Files.writeString(root.resolve("models/CURRENT"), "../../etc\n");
        assertTrue(assertThrows(ModelVersionException.class, () -> ModelStore.currentVersion(root)).getMessage()
                .contains("does not hold a model version id"));
    }

    @Test
    void aManifestCopiedFromAnotherVersionIsRejected() throws IOException {
        publish("v1", TreeEnsembleTest.boosted());
        Files.move(root.resolve("models/v1"), root.resolve("models/v2"));
        Files.writeString(root.resolve("models/CURRENT"), "v2\n");
        assertTrue(assertThrows(ModelVersionException.class, () -> ModelStore.current(root)).getMessage()
                .contains("describes model version v1, not v2"));
    }

    @Test
    void folderDigestIsTheDigestOfItsSortedListingWithoutCrcSidecars(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/x"), "abc");
        Files.writeString(dir.resolve("a"), "");
        Files.writeString(dir.resolve(".a.crc"), "ignored");
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        String listing = empty + "  a\n" + abc + "  b/x\n";
        ModelChecksums.DirectoryDigest digest = ModelChecksums.sha256HexOfDirectory(dir);
        assertEquals(ModelChecksums.sha256Hex(listing.getBytes(StandardCharsets.UTF_8)), digest.sha256());
        assertEquals(3, digest.sizeBytes());
        assertEquals(2, digest.files());
    }

    /** Lays out version {@code version} with a serving model and a fake Spark folder, then points CURRENT at it. */
    private void publish(String version, TreeEnsemble ensemble) throws IOException {
        Path dir = Files.createDirectories(root.resolve("models").resolve(version));
        List<ModelArtifact> artifacts = new ArrayList<>();
        VersionLayout.Slot trees = VersionLayout.TREE_ENSEMBLE;
        Path model = dir.resolve(trees.path());
        Files.createDirectories(model.getParent());
        Files.write(model, ensemble.toByteArray());
        artifacts.add(new ModelArtifact(trees.path(), trees.role(), trees.kind(), ModelChecksums.sha256Hex(model),
                Files.size(model)));
        VersionLayout.Slot spark = VersionLayout.sparkModel(ModelKind.HYBRID);
        Path metadata = Files.createDirectories(dir.resolve(spark.path()).resolve("metadata"));
        Files.writeString(metadata.resolve("part-00000"), "{\"class\":\"GBTRegressionModel\"}");
        ModelChecksums.DirectoryDigest digest = ModelChecksums.sha256HexOfDirectory(dir.resolve(spark.path()));
        artifacts.add(new ModelArtifact(spark.path(), spark.role(), spark.kind(), digest.sha256(),
                digest.sizeBytes()));
        Files.write(dir.resolve(VersionLayout.MANIFEST), ModelManifestTest.manifest(version, artifacts).toJson());
        Files.writeString(root.resolve("models/CURRENT"), version + "\n");
    }
}
