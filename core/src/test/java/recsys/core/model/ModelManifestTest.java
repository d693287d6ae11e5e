package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import recsys.core.ranking.RankingBlend;

class ModelManifestTest {

    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "b".repeat(64);

    static ModelDescription description() {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("gbt", Map.of("rmse", 0.875));
        metrics.put("baseline", Map.of("rmse", 1.0));
        return new ModelDescription("gbt", new FeatureSchema(FeatureSchema.DENSE, List.of("user_mean", "movie_mean")),
                metrics, "ingest 20240101-000000-000-abcd", "random train=0.8 test=0.2", 42L,
                Map.of("maxDepth", "5", "stepSize", "0.1"));
    }

    static ModelManifest manifest(String version, List<ModelArtifact> artifacts) {
        return new ModelManifest(ModelManifest.FORMAT_VERSION, version, Instant.parse("2024-01-02T03:04:05.678Z"),
                description(), artifacts);
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        ModelManifest manifest = manifest("v1", List.of(
                new ModelArtifact("serving/tree-ensemble.bin", VersionLayout.ROLE_SERVING_TREE_ENSEMBLE,
                        ModelArtifact.Kind.FILE, SHA_A, 1234),
                new ModelArtifact("spark/gbt", VersionLayout.ROLE_SPARK_NATIVE, ModelArtifact.Kind.DIRECTORY,
                        SHA_B, 99_999_999_999L)));
        ModelManifest read = ModelManifest.read(new ByteArrayInputStream(manifest.toJson()));
        assertEquals(manifest, read);
        assertEquals(List.of(manifest.artifacts().get(0)),
                read.artifactsWithRole(VersionLayout.ROLE_SERVING_TREE_ENSEMBLE));
    }

    @Test
    void roundTripsTheRankingBlend() throws IOException {
        RankingBlend blend = new RankingBlend(0.5, 0.25, 0.25);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, "v1",
                Instant.parse("2024-01-02T03:04:05.678Z"), description().withRankingBlend(blend), List.of());
        assertEquals(blend, ModelManifest.read(new ByteArrayInputStream(manifest.toJson()))
                .description().rankingBlend());
    }

    @Test
    void readsAManifestWithoutABlendAsTheDefaultBlend() throws IOException {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json());
        tree.remove("rankingBlend");
        String json = tree.toString();
        assertEquals(RankingBlend.DEFAULT, read(json).description().rankingBlend());
    }

    @Test
    void rejectsANegativeBlendWeight() {
        String json = json().replaceFirst("\"popularity\" : [0-9.]+", "\"popularity\" : -1");
        String message = assertThrows(ModelManifestException.class, () -> read(json)).getMessage();
        assertTrue(message.contains("rankingBlend") && message.contains("popularity"), message);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        String json = new String(manifest("v1", List.of()).toJson(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},");
        assertEquals("v1", read(json).modelVersion());
    }

    @Test
    void rejectsAnUnsupportedFormatVersion() {
        String json = json().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        String message = assertThrows(ModelManifestException.class, () -> read(json)).getMessage();
        assertTrue(message.contains("format version 2 is not supported"), message);
    }

    @Test
    void namesAMissingField() {
        String json = json().replace("\"dataFingerprint\"", "\"somethingElse\"");
        String message = assertThrows(ModelManifestException.class, () -> read(json)).getMessage();
        assertTrue(message.contains("no \"dataFingerprint\""), message);
    }

    @Test
    void rejectsAnArtifactPathLeavingTheVersionFolder() {
        String json = new String(manifest("v1", List.of(new ModelArtifact("a.bin", "r", ModelArtifact.Kind.FILE,
                SHA_A, 1))).toJson(), StandardCharsets.UTF_8).replace("\"a.bin\"", "\"../../etc/passwd\"");
        String message = assertThrows(ModelManifestException.class, () -> read(json)).getMessage();
        assertTrue(message.contains("artifacts[0]") && message.contains("\"..\" segment"), message);
    }

    @Test
    void rejectsWhatIsNotAManifest() {
        assertThrows(ModelManifestException.class, () -> read("[1, 2]"));
        assertThrows(ModelManifestException.class, () -> read("{\"formatVersion\": 1, "));
        assertThrows(ModelManifestException.class, () -> read(""));
    }

    @Test
    void rejectsNonFiniteMetricsAndBadVersionIds() {
        assertThrows(IllegalArgumentException.class, () -> new ModelDescription("gbt",
                new FeatureSchema(FeatureSchema.DENSE, List.of("f")), Map.of("gbt", Map.of("rmse", Double.NaN)),
                "d", "s", 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> manifest("v1.tmp-1234", List.of()));
        assertThrows(IllegalArgumentException.class, () -> manifest("CURRENT", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new FeatureSchema(FeatureSchema.DENSE, List.of("f", "f")));
    }

    private static String json() {
        return new String(manifest("v1", List.of()).toJson(), StandardCharsets.UTF_8);
    }

    private static ModelManifest read(String json) throws IOException {
        return ModelManifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
