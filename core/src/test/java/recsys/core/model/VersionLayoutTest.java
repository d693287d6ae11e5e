package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionLayoutTest {

    /**
     * Path, role and kind of every artifact the train job published before the layout had one home (read off a
     * manifest it wrote): a version published then must still be read, so these never change.
     */
    private static final List<VersionLayout.Slot> PUBLISHED_BEFORE = List.of(
            file("serving/tree-ensemble.bin", "serving-tree-ensemble"),
            file("serving/biases.bin", "biases"),
            file("encoder/state.bin", "encoder-state"),
            file("topn/item-item.bin", "topn-item-item"),
            file("topn/item-knn.bin", "topn-item-knn"),
            file("topn/item-item-liked.bin", "topn-item-item-liked"),
            file("topn/als-item-factors.bin", "topn-als-item-factors"),
            folder("spark/forest_embedding"),
            folder("spark/forest_sparse"),
            folder("spark/hybrid_gbt"),
            folder("spark/als"));

    @Test
    void theLayoutIsTheOneVersionsWerePublishedIn() {
        assertEquals(Set.copyOf(PUBLISHED_BEFORE), Set.copyOf(VersionLayout.slots()));
        assertEquals("manifest.json", VersionLayout.MANIFEST);
    }

    @Test
    void everySlotHasItsOwnPathAndNoSlotIsInsideAnother() {
        Set<String> paths = new HashSet<>();
        for (VersionLayout.Slot slot : VersionLayout.slots()) {
            assertTrue(paths.add(slot.path()), slot.path());
            for (VersionLayout.Slot other : VersionLayout.slots()) {
                assertFalse(other != slot && other.path().startsWith(slot.path() + "/"), other + " inside " + slot);
            }
        }
        Set<String> fileRoles = new HashSet<>();
        VersionLayout.files().forEach(slot -> assertTrue(fileRoles.add(slot.role()), slot.role()));
    }

    @Test
    void everySparkModelHasItsFolderAndOnlyThose() {
        for (ModelKind kind : ModelKind.values()) {
            if (kind.hasSparkModel()) {
                VersionLayout.Slot slot = VersionLayout.sparkModel(kind);
                assertEquals("spark/" + kind.sparkArtifactName(), slot.path());
                assertEquals(VersionLayout.ROLE_SPARK_NATIVE, slot.role());
                assertEquals(ModelArtifact.Kind.DIRECTORY, slot.kind());
                assertEquals(Optional.of(slot), VersionLayout.at(slot.path()));
            } else {
                assertThrows(IllegalStateException.class, () -> VersionLayout.sparkModel(kind));
            }
        }
    }

    @Test
    void aSlotHoldsOnlyTheArtifactOfItsPathRoleAndKind() {
        String sha = "a".repeat(64);
        VersionLayout.Slot slot = VersionLayout.ENCODER_STATE;
        assertTrue(slot.holds(new ModelArtifact(slot.path(), slot.role(), ModelArtifact.Kind.FILE, sha, 1)));
        assertFalse(slot.holds(new ModelArtifact(slot.path(), "other", ModelArtifact.Kind.FILE, sha, 1)));
        assertFalse(slot.holds(new ModelArtifact(slot.path(), slot.role(), ModelArtifact.Kind.DIRECTORY, sha, 1)));
        assertFalse(slot.holds(new ModelArtifact("encoder/other.bin", slot.role(), ModelArtifact.Kind.FILE, sha, 1)));
        assertEquals(Optional.empty(), VersionLayout.at("extra/broken.bin"));
        assertThrows(IllegalArgumentException.class,
                () -> new VersionLayout.Slot(VersionLayout.MANIFEST, "manifest", ModelArtifact.Kind.FILE));
    }

    private static VersionLayout.Slot file(String path, String role) {
        return new VersionLayout.Slot(path, role, ModelArtifact.Kind.FILE);
    }

    private static VersionLayout.Slot folder(String path) {
        return new VersionLayout.Slot(path, "spark-native", ModelArtifact.Kind.DIRECTORY);
    }
}
