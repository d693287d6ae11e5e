package recsys.core.features;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The fixed numbers a {@link FeatureEncoder} needs besides the per-movie data; fitted on the training part only
 * (the global mean, the genre vocabulary and the imputed year) or chosen (the rest).
 *
 * @param globalMean          mean training rating; the prior every damped mean shrinks towards, in [0.5, 5]
 * @param userDamping         pseudo-ratings at the global mean added to a user's mean and per-genre affinities;
 *                            default {@value #DEFAULT_USER_DAMPING}, range (0, 1000]
 * @param movieDamping        pseudo-ratings at the global mean added to a movie's mean; default
 *                            {@value #DEFAULT_MOVIE_DAMPING}, range (0, 1000] (5 and 5 were the best damped-bias
 *                            setting measured during design)
 * @param genres              the genre vocabulary in feature order; fixed once fitted, distinct
 * @param imputedYear         the year used for movies whose title has none (the catalogue's median year)
 * @param tagHashDimension    buckets of the hashed tag block of the sparse features; default
 *                            {@value #DEFAULT_TAG_HASH_DIMENSION}, range [1, 2^20]
 * @param embeddingDimension  length of the movie vectors (384 for all-MiniLM-L6-v2)
 * @param projectionDimension components of the fixed random projection of the movie vector in the embedding
 *                            features; default {@value #DEFAULT_PROJECTION_DIMENSION}, range [0, embeddingDimension]
 * @param projectionSeed      seed of that projection; recorded so the serving side rebuilds the same matrix
 * @param formatVersion       the {@link #FORMAT_VERSION} of the feature layout these parameters were fitted for
 */
public record EncoderParameters(double globalMean, double userDamping, double movieDamping, List<String> genres,
                                double imputedYear, int tagHashDimension, int embeddingDimension,
                                int projectionDimension, long projectionSeed, int formatVersion)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Version of the feature layout (names, order, meaning); bump it when {@link FeatureEncoder} changes them. */
    public static final int FORMAT_VERSION = 1;
    public static final double DEFAULT_USER_DAMPING = 5;
    public static final double DEFAULT_MOVIE_DAMPING = 5;
    // 256 rather than 1024: a forest tries a third of the features at every split, so the tag block sets the sparse
    // forest's cost. On ml-latest-small (1,475 distinct tags) 1024 buckets took 40 s to tune and 42 s to refit and
    // 256 take 27 s and 24 s, with test RMSE 0.8479 against 0.8492 (docs/benchmarks.md).
    public static final int DEFAULT_TAG_HASH_DIMENSION = 256;
    public static final int DEFAULT_PROJECTION_DIMENSION = 16;
    public static final long DEFAULT_PROJECTION_SEED = 42;

    public EncoderParameters {
        genres = List.copyOf(genres);
        if (!(globalMean >= 0.5 && globalMean <= 5)) {
            throw new IllegalArgumentException("globalMean must be in [0.5, 5]: " + globalMean);
        }
        checkDamping("userDamping", userDamping);
        checkDamping("movieDamping", movieDamping);
        if (new HashSet<>(genres).size() != genres.size()) {
            throw new IllegalArgumentException("genres must be distinct: " + genres);
        }
        genres.forEach(g -> Objects.requireNonNull(g, "genre"));
        if (!Double.isFinite(imputedYear)) {
            throw new IllegalArgumentException("imputedYear must be finite: " + imputedYear);
        }
        if (tagHashDimension < 1 || tagHashDimension > (1 << 20)) {
            throw new IllegalArgumentException("tagHashDimension must be in [1, 2^20]: " + tagHashDimension);
        }
        if (embeddingDimension < 1) {
            throw new IllegalArgumentException("embeddingDimension must be positive: " + embeddingDimension);
        }
        if (projectionDimension < 0 || projectionDimension > embeddingDimension) {
            throw new IllegalArgumentException("projectionDimension must be in [0, " + embeddingDimension + "]: "
                    + projectionDimension);
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("feature format version " + formatVersion + " is not "
                    + FORMAT_VERSION + ", the one this code encodes");
        }
    }

    /** Parameters with the documented defaults for everything not fitted. */
    public static EncoderParameters withDefaults(double globalMean, List<String> genres, double imputedYear,
                                                 int embeddingDimension) {
        return new EncoderParameters(globalMean, DEFAULT_USER_DAMPING, DEFAULT_MOVIE_DAMPING, genres, imputedYear,
                DEFAULT_TAG_HASH_DIMENSION, embeddingDimension, DEFAULT_PROJECTION_DIMENSION,
                DEFAULT_PROJECTION_SEED, FORMAT_VERSION);
    }

    private static void checkDamping(String name, double value) {
        if (!(value > 0 && value <= 1000)) {
            throw new IllegalArgumentException(name + " must be in (0, 1000]: " + value);
        }
    }
}
