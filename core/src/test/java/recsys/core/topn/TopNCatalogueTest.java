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
     * The cosine loop ranks four movies at a time for speed; every value must still be bit for bit the plain
     * one-movie-at-a-time dot product over the unit vectors (both the offline job and the service rank with it, and
     * a tie broken differently would change a list). Seven movies: one block of four and three left over; one
     * movie without a vector.
     */
    @Test
    void cosinesAreExactlyThePlainDotProductsOfTheUnitVectors() {
        int dimension = 19;
        Random random = new Random(7);
        List<MovieEntry> movies = new ArrayList<>();
        for (int m = 1; m <= 7; m++) {
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
    }
}
