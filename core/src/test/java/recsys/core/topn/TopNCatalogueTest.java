package recsys.core.topn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.MovieEntry;

class TopNCatalogueTest {

    /**
     * The cosine loop sums a block of movies at a time for speed; every value must still be bit for bit the plain
     * one-movie-at-a-time dot product over the unit vectors (both the offline job and the service rank with it, and
     * a tie broken differently would change a list). Two whole blocks and a partial one; one movie without a
     * vector.
     */
    @Test
    void cosinesAreExactlyThePlainDotProductsOfTheUnitVectors() {
        int dimension = 19;
        Random random = new Random(7);
        List<MovieEntry> movies = new ArrayList<>();
        int count = 2 * BlockedRows.BLOCK + 7;
        for (int m = 1; m <= count; m++) {
            float[] vector = null;
            if (m != 6) {
                vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = (float) random.nextGaussian();
                }
            }
            movies.add(new MovieEntry("m" + m, m, 3.5 * m, 2000, new int[0], List.of(), vector));
        }
        EncoderState state = EncoderState.of(EncoderParameters.withDefaults(3.5, List.of("Drama"), 2000, dimension),
                movies);
        TopNCatalogue catalogue = new TopNCatalogue(state);
        double[] direction = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            direction[d] = random.nextGaussian();
        }
        double[] cosines = new double[catalogue.size()];

        catalogue.cosines(direction, cosines);

        double norm = Math.sqrt(Arrays.stream(direction).map(v -> v * v).sum());
        for (int i = 0; i < catalogue.size(); i++) {
            float[] vector = state.movie(catalogue.id(i)).vector();
            double dot = 0;
            if (vector != null) {
                double length = 0;
                for (float v : vector) {
                    length += (double) v * v;
                }
                length = Math.sqrt(length);
                for (int d = 0; d < dimension; d++) {
                    dot += (float) (vector[d] / length) * direction[d];
                }
            }
            assertEquals(dot / norm, cosines[i], 0.0, catalogue.id(i));
        }
        assertEquals(0.0, cosines[catalogue.indexOf("m6")], 0.0, "no vector, no similarity");
        for (int i = 0; i < catalogue.size(); i++) {
            float[] vector = state.movie(catalogue.id(i)).vector();
            assertEquals(vector != null, catalogue.hasVector(i), catalogue.id(i));
            if (vector != null) {
                double length = Math.sqrt(catalogueNorm(vector));
                double[] unit = catalogue.unitVector(i);
                for (int d = 0; d < dimension; d++) {
                    assertEquals((float) (vector[d] / length), unit[d], 0.0, catalogue.id(i) + " dimension " + d);
                }
            }
        }
    }

    private static double catalogueNorm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return sum;
    }
}
