package recsys.core.features;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a (user, movie) pair into the feature vector the rating model reads; the one encoder the Spark jobs and the
 * online service share. Two representations share their first block (the <em>common block</em>):
 * <pre>
 *   user         user_count_log1p, user_mean_damped, user_std, user_affinity_&lt;genre&gt; × G
 *   movie        movie_mean_damped, movie_count_log1p, movie_year, movie_year_missing, movie_has_vector,
 *                movie_genre_&lt;genre&gt; × G (0/1)
 *   interaction  genre_affinity (mean of the user's affinities over the movie's genres, 0 if it has none),
 *                profile_cosine (cosine of the user's profile vector and the movie vector, 0 if either is missing)
 * </pre>
 * then
 * <ul>
 *   <li>embedding features ({@link #embeddingFeatures}, dense): {@code movie_projection_<i>} × P, the movie vector
 *   through a fixed random ±1/√P projection seeded by {@link EncoderParameters#projectionSeed()} (P = 16 by
 *   default). Not the raw 384 components: a Spark random forest's cost grows with the number of features (every
 *   split tries a third of them over 32 bins), 384 nearly-uninformative components would multiply the training
 *   time by about ten, and most of what the vector says about a rating goes through {@code profile_cosine}. A random
 *   projection needs no fitting and no stored matrix, and keeps distances roughly (Johnson–Lindenstrauss).</li>
 *   <li>sparse features ({@link #sparseFeatures}): {@code tag_hash_<j>} × D, each of the movie's tags hashed
 *   (FNV-1a of its UTF-8 bytes, lower-cased) into D buckets with value 1, D = 256 by default.</li>
 * </ul>
 *
 * <p>Fallbacks: a movie the catalogue lacks has no ratings (mean = global mean, count 0), the imputed year with
 * {@code movie_year_missing = 1}, no genres, no vector; a user with no training ratings ({@link UserProfile#empty})
 * has count 0, mean = global mean, std 0, affinities 0 and cosine 0.
 *
 * <p>Leave-one-out: the {@code …LeaveOneOut} methods take the full profile and the row's own rating and take that
 * rating out of both the user's and the movie's statistics, so a training row's features never contain its target.
 *
 * <p>Thread-safe and deterministic: the same state, profile and movie give the same doubles bit for bit.
 */
public final class FeatureEncoder {

    private final EncoderState state;
    private final EncoderParameters parameters;
    private final int genres;
    private final int commonSize;
    private final double[][] projection;
    /**
     * Per catalogue movie, what depends on the movie alone: its projected vector, its vector's squared norm and its
     * sorted tag buckets. Computed once here because ranking scores every movie for every user (millions of
     * encodings per evaluation): the 16 × 384 projection alone would otherwise dominate. Values are computed
     * exactly as per call before, so features are bit-for-bit the same.
     */
    private final Map<String, MovieConstants> constants;
    private final List<String> embeddingNames;
    private final List<String> sparseNames;

    public FeatureEncoder(EncoderState state) {
        this.state = state;
        this.parameters = state.parameters();
        this.genres = parameters.genres().size();
        this.commonSize = 3 + genres + 5 + genres + 2;
        this.projection = projection(parameters);
        Map<String, MovieConstants> perMovie = new HashMap<>(state.movies().size() * 2);
        state.movies().forEach((id, movie) -> perMovie.put(id, constantsOf(movie)));
        this.constants = perMovie;
        List<String> common = commonNames();
        List<String> embedding = new ArrayList<>(common);
        for (int i = 0; i < parameters.projectionDimension(); i++) {
            embedding.add("movie_projection_" + i);
        }
        List<String> sparse = new ArrayList<>(common);
        for (int j = 0; j < parameters.tagHashDimension(); j++) {
            sparse.add("tag_hash_" + j);
        }
        this.embeddingNames = List.copyOf(embedding);
        this.sparseNames = List.copyOf(sparse);
    }

    public EncoderState state() {
        return state;
    }

    /** The profile of a user from their training history. */
    public UserProfile profile(Collection<RatedMovie> history) {
        return UserProfile.of(state, history);
    }

    public List<String> embeddingFeatureNames() {
        return embeddingNames;
    }

    public List<String> sparseFeatureNames() {
        return sparseNames;
    }

    /** Features of a row the profile does not contain (validation, test, serving). */
    public double[] embeddingFeatures(UserProfile user, String movieId) {
        return embedding(user, movieId, 0, 0);
    }

    /** Features of a training row: its own rating is taken out of the user's profile and the movie's statistics. */
    public double[] embeddingFeaturesLeaveOneOut(UserProfile fullProfile, String movieId, double ownRating) {
        return embedding(fullProfile.without(movieId, ownRating), movieId, 1, ownRating);
    }

    public SparseFeatures sparseFeatures(UserProfile user, String movieId) {
        return sparse(user, movieId, 0, 0);
    }

    public SparseFeatures sparseFeaturesLeaveOneOut(UserProfile fullProfile, String movieId, double ownRating) {
        return sparse(fullProfile.without(movieId, ownRating), movieId, 1, ownRating);
    }

    private double[] embedding(UserProfile user, String movieId, int leftOut, double ownRating) {
        double[] features = new double[embeddingNames.size()];
        MovieEntry movie = state.movie(movieId);
        common(features, user, movieId, movie, leftOut, ownRating);
        MovieConstants known = constants.get(movieId);
        if (known != null && known.projected() != null) {
            System.arraycopy(known.projected(), 0, features, commonSize, known.projected().length);
        }
        return features;
    }

    private SparseFeatures sparse(UserProfile user, String movieId, int leftOut, double ownRating) {
        double[] block = new double[commonSize];
        MovieEntry movie = state.movie(movieId);
        common(block, user, movieId, movie, leftOut, ownRating);
        MovieConstants known = constants.get(movieId);
        int[] buckets = known == null ? new int[0] : known.tagBuckets();
        int nonZero = 0;
        for (double v : block) {
            nonZero += v != 0 ? 1 : 0;
        }
        int[] indices = new int[nonZero + buckets.length];
        double[] values = new double[indices.length];
        int n = 0;
        for (int i = 0; i < commonSize; i++) {
            if (block[i] != 0) {
                indices[n] = i;
                values[n++] = block[i];
            }
        }
        for (int bucket : buckets) {
            indices[n] = bucket;
            values[n++] = 1;
        }
        return new SparseFeatures(sparseNames.size(), indices, values);
    }

    private void common(double[] out, UserProfile user, String movieId, MovieEntry movie, int leftOut,
                        double ownRating) {
        int i = 0;
        out[i++] = Math.log1p(user.count());
        out[i++] = user.dampedMean();
        out[i++] = user.standardDeviation();
        for (int g = 0; g < genres; g++) {
            out[i++] = user.genreAffinity(g);
        }
        long count = movie == null ? 0 : movie.ratingCount() - leftOut;
        double sum = movie == null ? 0 : movie.ratingSum() - leftOut * ownRating;
        if (count < 0) {
            throw new IllegalArgumentException("movie " + movieId + " has no training rating to leave out");
        }
        out[i++] = MovieStatistics.dampedMean(sum, count, parameters.globalMean(), parameters.movieDamping());
        out[i++] = Math.log1p(count);
        boolean hasYear = movie != null && movie.year() != null;
        out[i++] = hasYear ? movie.year() : parameters.imputedYear();
        out[i++] = hasYear ? 0 : 1;
        float[] vector = movie == null ? null : movie.vector();
        out[i++] = vector != null ? 1 : 0;
        int[] movieGenres = movie == null ? new int[0] : movie.genreIndices();
        for (int g : movieGenres) {
            out[i + g] = 1;
        }
        i += genres;
        double affinity = 0;
        for (int g : movieGenres) {
            affinity += user.genreAffinity(g);
        }
        out[i++] = movieGenres.length == 0 ? 0 : affinity / movieGenres.length;
        out[i++] = vector == null ? 0 : cosine(user, vector, constants.get(movieId).squaredNorm());
        assert i == commonSize;
    }

    private MovieConstants constantsOf(MovieEntry movie) {
        int[] buckets = movie.tags().stream()
                .mapToInt(tag -> commonSize + tagBucket(tag, parameters.tagHashDimension()))
                .sorted().distinct().toArray();
        float[] vector = movie.vector();
        if (vector == null) {
            return new MovieConstants(null, 0, buckets);
        }
        double[] projected = new double[projection.length];
        for (int i = 0; i < projection.length; i++) {
            double[] row = projection[i];
            double value = 0;
            for (int d = 0; d < vector.length; d++) {
                value += row[d] * vector[d];
            }
            projected[i] = value;
        }
        double squaredNorm = 0;
        for (float v : vector) {
            squaredNorm += (double) v * v;
        }
        return new MovieConstants(projected, squaredNorm, buckets);
    }

    /** What {@link #constants} holds per movie; {@code projected} is null for a movie without a vector. */
    private record MovieConstants(double[] projected, double squaredNorm, int[] tagBuckets) {
    }

    private List<String> commonNames() {
        List<String> names = new ArrayList<>(List.of("user_count_log1p", "user_mean_damped", "user_std"));
        parameters.genres().forEach(g -> names.add("user_affinity_" + g));
        names.addAll(List.of("movie_mean_damped", "movie_count_log1p", "movie_year", "movie_year_missing",
                "movie_has_vector"));
        parameters.genres().forEach(g -> names.add("movie_genre_" + g));
        names.addAll(List.of("genre_affinity", "profile_cosine"));
        return names;
    }

    static double cosine(double[] profile, float[] vector) {
        double vectorNorm = 0;
        for (float v : vector) {
            vectorNorm += (double) v * v;
        }
        return cosine(profile, squaredNorm(profile), vector, vectorNorm);
    }

    /** The user's profile vector and its squared norm are computed once per profile, not once per movie. */
    private static double cosine(UserProfile user, float[] vector, double vectorSquaredNorm) {
        return cosine(user.profileVectorView(), user.profileSquaredNorm(), vector, vectorSquaredNorm);
    }

    private static double cosine(double[] profile, double profileNorm, float[] vector, double vectorNorm) {
        double dot = 0;
        for (int d = 0; d < vector.length; d++) {
            dot += profile[d] * vector[d];
        }
        return profileNorm == 0 || vectorNorm == 0 ? 0 : dot / Math.sqrt(profileNorm * vectorNorm);
    }

    static double squaredNorm(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v * v;
        }
        return sum;
    }

    /** Bucket of a tag: FNV-1a (32 bits) of its trimmed, lower-cased UTF-8 bytes, modulo the dimension. */
    static int tagBucket(String tag, int dimension) {
        int hash = 0x811C9DC5;
        for (byte b : tag.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return Math.floorMod(hash, dimension);
    }

    /** P × dimension matrix of ±1/√P drawn from {@code SplittableRandom(seed)}: the same on every JVM. */
    static double[][] projection(EncoderParameters parameters) {
        int rows = parameters.projectionDimension();
        double[][] matrix = new double[rows][parameters.embeddingDimension()];
        if (rows == 0) {
            return matrix;
        }
        SplittableRandom random = new SplittableRandom(parameters.projectionSeed());
        double scale = 1 / Math.sqrt(rows);
        for (double[] row : matrix) {
            for (int d = 0; d < row.length; d++) {
                row[d] = random.nextBoolean() ? scale : -scale;
            }
        }
        return matrix;
    }

    @Override
    public String toString() {
        return "FeatureEncoder[" + embeddingNames.size() + " embedding features, " + sparseNames.size()
                + " sparse features, " + state.movies().size() + " movies]";
    }
}
