package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;

class ModelKindTest {

    @Test
    void everyReportNameAndEverySparkArtifactNameIsUnique() {
        Set<String> names = new HashSet<>();
        Set<String> sparkNames = new HashSet<>();
        for (ModelKind kind : ModelKind.values()) {
            assertTrue(names.add(kind.reportName()), kind + " repeats the report name " + kind.reportName());
            if (kind.hasSparkModel()) {
                assertTrue(sparkNames.add(kind.sparkArtifactName()), kind + " repeats the Spark artifact name");
            }
        }
        assertEquals(ModelKind.values().length, names.size());
    }

    /**
     * The names are the published format: manifests and reports written before the catalogue existed use exactly
     * these, so a change here would make them unreadable.
     */
    @Test
    void theNamesAreThoseOfVersionsAndReportsAlreadyPublished() {
        assertEquals(List.of("global_mean", "biases", "als", "forest_embedding", "forest_sparse", "hybrid_gbt"),
                names(ModelKind.of(ModelKind.Family.RATING)));
        assertEquals(List.of("ease", "ease_liked", "implicit_als", "content", "item_knn", "topn_serving"),
                names(ModelKind.of(ModelKind.Family.TOP_N)));
        assertEquals(List.of("popularity_by_count", "popularity"), names(ModelKind.of(ModelKind.Family.POPULARITY)));
        Map<ModelKind, String> spark = Map.of(ModelKind.ALS, "als", ModelKind.FOREST_EMBEDDING, "forest_embedding",
                ModelKind.FOREST_SPARSE, "forest_sparse", ModelKind.HYBRID, "hybrid_gbt");
        for (ModelKind kind : ModelKind.values()) {
            assertEquals(spark.containsKey(kind), kind.hasSparkModel(), kind.toString());
            if (kind.hasSparkModel()) {
                assertEquals(spark.get(kind), kind.sparkArtifactName());
            } else {
                assertThrows(IllegalStateException.class, kind::sparkArtifactName);
            }
        }
    }

    @Test
    void theServableModelsAreTheTreeModelsEachWithItsRepresentation() {
        assertEquals(List.of(ModelKind.FOREST_EMBEDDING, ModelKind.FOREST_SPARSE, ModelKind.HYBRID),
                ModelKind.servable());
        assertEquals(Representation.DENSE, ModelKind.FOREST_EMBEDDING.representation());
        assertEquals(Representation.SPARSE, ModelKind.FOREST_SPARSE.representation());
        assertEquals(Representation.DENSE, ModelKind.HYBRID.representation());
        Arrays.stream(ModelKind.values()).filter(kind -> !ModelKind.servable().contains(kind))
                .forEach(kind -> assertEquals(Representation.NONE, kind.representation(), kind.toString()));
    }

    @Test
    void aServableModelsSchemaIsTheEncodersRowsInItsRepresentation() {
        EncoderParameters parameters = new EncoderParameters(3.0, 1, 2, List.of("Comedy", "Drama"), 1990, 8, 2, 2,
                7, EncoderParameters.FORMAT_VERSION);
        FeatureEncoder encoder = new FeatureEncoder(EncoderState.of(parameters, List.of(
                new MovieEntry("1", 2, 8, 1995, new int[] {0}, List.of("funny"), new float[] {1, 0}))));
        FeatureSchema dense = ModelKind.HYBRID.featureSchema(encoder);
        assertEquals(FeatureSchema.DENSE, dense.representation());
        assertEquals(encoder.embeddingFeatureNames(), dense.features());
        FeatureSchema sparse = ModelKind.FOREST_SPARSE.featureSchema(encoder);
        assertEquals(FeatureSchema.SPARSE, sparse.representation());
        assertEquals(encoder.sparseFeatureNames(), sparse.features());
        assertEquals(Representation.SPARSE, Representation.of(sparse));
        assertEquals(Representation.DENSE, Representation.of(dense));
        assertThrows(IllegalStateException.class, () -> ModelKind.ALS.featureSchema(encoder));
        assertThrows(IllegalArgumentException.class,
                () -> Representation.of(new FeatureSchema("columnar", List.of("f"))));
    }

    @Test
    void parametersAreKeyedByTheReportNameAndNamesResolveBack() {
        assertEquals("biases.user_damping", ModelKind.BIASES.parameter("user_damping"));
        assertEquals("ease_liked.lambda", ModelKind.EASE_LIKED.parameter("lambda"));
        for (ModelKind kind : ModelKind.values()) {
            assertEquals(kind, ModelKind.fromReportName(kind.reportName()));
            assertTrue(kind.is(kind.reportName()));
        }
        assertFalse(ModelKind.HYBRID.is("forest_embedding"));
        String message = assertThrows(IllegalArgumentException.class, () -> ModelKind.fromReportName("gbt"))
                .getMessage();
        assertTrue(message.contains("gbt") && message.contains("hybrid_gbt"), message);
    }

    private static List<String> names(List<ModelKind> kinds) {
        return kinds.stream().map(ModelKind::reportName).toList();
    }
}
