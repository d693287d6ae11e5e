package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import recsys.core.model.Representation;
import recsys.core.embedding.OnnxSentenceEmbedder;
import recsys.core.features.EncoderParameters;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.MovieEntry;
import recsys.core.features.RatedMovie;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;

/**
 * Feature rows for training and evaluating a rating model, through the shared {@link FeatureEncoder}.
 *
 * <ol>
 *   <li>{@link #fit}: the {@link EncoderState} from the training ratings only — global mean and per-movie (count,
 *   sum) aggregated by Spark and collected (one small row per movie), the catalogue's years, genres and tags, the
 *   movie vectors — broadcast once to the executors.</li>
 *   <li>{@link #trainingRows}: training ratings grouped by user on the executors; each user's profile is built once
 *   and every one of their rows (or a {@link RowSample} of them) is encoded leave-one-out (its own rating out of the
 *   user's and the movie's statistics).</li>
 *   <li>{@link #otherRows}: validation or test ratings grouped by user, joined to the user's training history, and
 *   encoded without leaving anything out; a user with no training ratings gets the empty profile. Nothing of these
 *   rows' ratings reaches any feature.</li>
 * </ol>
 * Rows come out as {@code (user_id, movie_id, rating, embedding_features dense, sparse_features sparse)}.
 * The ingest's {@code movies.rating_count} and {@code rating_mean} columns are ignored: they count every rating,
 * test ones included.
 */
public final class TrainingFeatures {

    public static final String EMBEDDING_FEATURES = "embedding_features";
    public static final String SPARSE_FEATURES = "sparse_features";
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("user_id", DataTypes.StringType, false),
            DataTypes.createStructField("movie_id", DataTypes.StringType, false),
            DataTypes.createStructField("rating", DataTypes.DoubleType, false),
            DataTypes.createStructField(EMBEDDING_FEATURES, SQLDataTypes.VectorType(), false),
            DataTypes.createStructField(SPARSE_FEATURES, SQLDataTypes.VectorType(), false)));

    private static final String KEPT = "kept";

    private final EncoderState state;
    private final Broadcast<EncoderState> broadcast;

    /** The column of the rows a model in {@code representation} is trained on. */
    public static String column(Representation representation) {
        return switch (representation) {
            case DENSE -> EMBEDDING_FEATURES;
            case SPARSE -> SPARSE_FEATURES;
            case NONE -> throw new IllegalArgumentException("a model without feature rows has no features column");
        };
    }

    private TrainingFeatures(SparkSession spark, EncoderState state) {
        this.state = state;
        this.broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(state);
    }

    /** Wraps an already fitted state (read from a file, say) and broadcasts it. */
    public static TrainingFeatures using(SparkSession spark, EncoderState state) {
        return new TrainingFeatures(spark, state);
    }

    /**
     * Fits the encoder state on the training part with the default damping, hashing and projection.
     *
     * @param train   {@code (user_id, movie_id, rating)}
     * @param movies  the catalogue: {@code (movie_id, year, genres, tags)}
     * @param vectors {@code (movie_id, movie_vector array<float>)}; movies without one get no vector features
     */
    public static TrainingFeatures fit(SparkSession spark, Dataset<Row> train, Dataset<Row> movies,
                                       Dataset<Row> vectors) {
        Row totals = train.agg(sum("rating"), count("rating")).first();
        if (totals.getLong(1) == 0) {
            throw new IllegalArgumentException("no training ratings to fit the feature encoder on");
        }
        double globalMean = totals.getDouble(0) / totals.getLong(1);
        Map<String, Row> stats = new TreeMap<>();
        for (Row row : train.groupBy("movie_id").agg(count("rating").as("n"), sum("rating").as("s"))
                .collectAsList()) {
            stats.put(row.getString(0), row);
        }
        Map<String, float[]> vectorById = new TreeMap<>();
        for (Row row : vectors.select("movie_id", "movie_vector").collectAsList()) {
            List<Float> values = row.getList(1);
            float[] vector = new float[values.size()];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = values.get(d);
            }
            vectorById.put(row.getString(0), vector);
        }
        List<Row> catalogue = movies.select("movie_id", "year", "genres", "tags").collectAsList();
        TreeSet<String> genres = new TreeSet<>();
        List<Integer> years = new ArrayList<>();
        for (Row row : catalogue) {
            genres.addAll(row.getList(2));
            if (!row.isNullAt(1)) {
                years.add(row.getInt(1));
            }
        }
        Collections.sort(years);
        double imputedYear = years.isEmpty() ? 0 : years.get(years.size() / 2);
        int dimension = vectorById.isEmpty() ? OnnxSentenceEmbedder.DIMENSION
                : vectorById.values().iterator().next().length;
        EncoderParameters parameters = EncoderParameters.withDefaults(globalMean, List.copyOf(genres), imputedYear,
                dimension);
        List<MovieEntry> entries = new ArrayList<>();
        for (Row row : catalogue) {
            String id = row.getString(0);
            Row stat = stats.remove(id);
            entries.add(new MovieEntry(id, stat == null ? 0 : stat.getLong(1), stat == null ? 0 : stat.getDouble(2),
                    row.isNullAt(1) ? null : row.getInt(1),
                    EncoderState.genreIndices(parameters.genres(), row.getList(2)),
                    row.isNullAt(3) ? List.of() : row.getList(3), vectorById.get(id)));
        }
        for (Row stat : stats.values()) {    // rated but not in the catalogue: statistics, no metadata
            entries.add(new MovieEntry(stat.getString(0), stat.getLong(1), stat.getDouble(2), null, new int[0],
                    List.of(), null));
        }
        return new TrainingFeatures(spark, EncoderState.of(parameters, entries));
    }

    public EncoderState state() {
        return state;
    }

    /** Training rows, each encoded leave-one-out. */
    public Dataset<Row> trainingRows(Dataset<Row> train) {
        return trainingRows(train, RowSample.ALL);
    }

    /**
     * The training rows {@code sample} keeps, each encoded leave-one-out against the user's whole history, so a kept
     * row's features are exactly those it has among every row. The rows left out are never encoded: an encoded row
     * is the embedding block and the sparse block, several hundred bytes against a rating's few dozen, so at scale it
     * is the encoded rows, not the ratings, that must stay within the heap.
     */
    public Dataset<Row> trainingRows(Dataset<Row> train, RowSample sample) {
        Broadcast<EncoderState> shared = broadcast;
        return histories(train.withColumn(KEPT, sample.keeps()), "history", col(KEPT)).mapPartitions(
                (MapPartitionsFunction<Row, Row>) users -> flatten(users, encoderOf(shared), (encoder, user) -> {
                    List<Row> entries = user.getList(1);
                    List<RatedMovie> history = ratedMovies(entries);
                    UserProfile profile = encoder.profile(history);
                    List<Row> rows = new ArrayList<>();
                    for (int i = 0; i < history.size(); i++) {
                        if (!entries.get(i).getBoolean(2)) {
                            continue;
                        }
                        RatedMovie rated = history.get(i);
                        rows.add(row(user.getString(0), rated,
                                encoder.embeddingFeaturesLeaveOneOut(profile, rated.movieId(), rated.rating()),
                                encoder.sparseFeaturesLeaveOneOut(profile, rated.movieId(), rated.rating())));
                    }
                    return rows;
                }), Encoders.row(SCHEMA));
    }

    /** Validation or test rows, encoded with the user's full training profile. */
    public Dataset<Row> otherRows(Dataset<Row> train, Dataset<Row> other) {
        Broadcast<EncoderState> shared = broadcast;
        Dataset<Row> requests = histories(other, "rows").join(histories(train, "history"),
                scala.collection.JavaConverters.asScalaBuffer(List.of("user_id")).toSeq(), "left");
        return requests.select("user_id", "rows", "history").mapPartitions(
                (MapPartitionsFunction<Row, Row>) users -> flatten(users, encoderOf(shared), (encoder, user) -> {
                    UserProfile profile = user.isNullAt(2) ? UserProfile.empty(encoder.state())
                            : encoder.profile(ratedMovies(user.getList(2)));
                    List<RatedMovie> wanted = ratedMovies(user.getList(1));
                    List<Row> rows = new ArrayList<>(wanted.size());
                    for (RatedMovie rated : wanted) {
                        rows.add(row(user.getString(0), rated, encoder.embeddingFeatures(profile, rated.movieId()),
                                encoder.sparseFeatures(profile, rated.movieId())));
                    }
                    return rows;
                }), Encoders.row(SCHEMA));
    }

    /** Each user's {@code (movie_id, rating, extra...)} entries as the list {@code name}. */
    private static Dataset<Row> histories(Dataset<Row> ratings, String name, Column... extra) {
        List<Column> fields = new ArrayList<>(List.of(col("movie_id"), col("rating")));
        fields.addAll(List.of(extra));
        return ratings.groupBy("user_id").agg(collect_list(struct(fields.toArray(new Column[0]))).as(name));
    }

    private static FeatureEncoder encoderOf(Broadcast<EncoderState> shared) {
        return new FeatureEncoder(shared.value());
    }

    private static List<RatedMovie> ratedMovies(List<Row> entries) {
        List<RatedMovie> rated = new ArrayList<>(entries.size());
        for (Row entry : entries) {
            rated.add(new RatedMovie(entry.getString(0), entry.getDouble(1)));
        }
        return rated;
    }

    private static Row row(String userId, RatedMovie rated, double[] embedding, SparseFeatures sparse) {
        return RowFactory.create(userId, rated.movieId(), rated.rating(), Vectors.dense(embedding),
                Vectors.sparse(sparse.size(), sparse.indices(), sparse.values()));
    }

    /** The rows of each user in turn, computed lazily so a partition's features are never all in memory. */
    private static Iterator<Row> flatten(Iterator<Row> users, FeatureEncoder encoder,
                                         java.util.function.BiFunction<FeatureEncoder, Row, List<Row>> encode) {
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && users.hasNext()) {
                    current = encode.apply(encoder, users.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
