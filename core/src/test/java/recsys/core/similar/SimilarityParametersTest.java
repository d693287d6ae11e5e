package recsys.core.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimilarityParametersTest {

    @Test
    void theBlendRoundTripsThroughTheManifestParameters() {
        for (double w : new double[] {0, 0.1, 0.3, 0.7, 1}) {
            SimilarityBlend blend = new SimilarityBlend(w);
            assertEquals(Map.of("similar.collaborative", Double.toString(w)), blend.toParameters());
            assertEquals(blend, SimilarityBlend.fromParameters(blend.toParameters()));
        }
    }

    @Test
    void aVersionWithoutTheParameterGetsTheDefault() {
        assertEquals(SimilarityBlend.DEFAULT, SimilarityBlend.fromParameters(Map.of("topn.weights.als", "1.0")));
        assertEquals(0.7, SimilarityBlend.DEFAULT.collaborative());
        assertEquals(0.3, SimilarityBlend.DEFAULT.content(), 1e-15);
    }

    @Test
    void rejectsWeightsOutsideTheUnitIntervalAndNonNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new SimilarityBlend(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityBlend(1.01));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityBlend(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBlend.fromParameters(Map.of(SimilarityBlend.PARAMETER, "half")));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBlend.fromParameters(Map.of(SimilarityBlend.PARAMETER, "2")));
    }

    @Test
    void sourcesReadTheirLabels() {
        for (SimilaritySource source : SimilaritySource.values()) {
            assertEquals(Optional.of(source), SimilaritySource.fromLabel(source.label()));
        }
        assertEquals("collaborative", SimilaritySource.COLLABORATIVE.label());
        assertEquals("content", SimilaritySource.CONTENT.label());
        assertEquals("blend", SimilaritySource.BLEND.label());
        assertEquals(Optional.of(SimilaritySource.BLEND), SimilaritySource.fromLabel(" Blend "));
        assertEquals(Optional.empty(), SimilaritySource.fromLabel("popularity"));
        assertEquals(Optional.empty(), SimilaritySource.fromLabel(null));
    }
}
