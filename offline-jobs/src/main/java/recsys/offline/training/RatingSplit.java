package recsys.offline.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.RATING;
import static recsys.offline.training.RatingColumns.TIMESTAMP;
import static recsys.offline.training.RatingColumns.USER;

import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import recsys.core.movielens.LineResult;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.core.movielens.Rating;

/**
 * Ratings divided by a {@link SplitStrategy} into {@code train} and {@code test}, and {@code train} divided again,
 * by the same strategy, into {@code tuningTrain} and {@code validation} for choosing hyper-parameters. Models are
 * tuned by fitting on {@code tuningTrain} and scoring {@code validation}, then refitted on all of {@code train} and
 * scored on {@code test}. The four parts are persisted (call {@link #unpersist()} when done) and counted once.
 *
 * <p>Every part has the columns {@code user_id, movie_id, rating, timestamp}.
 */
public record RatingSplit(SplitStrategy strategy, Dataset<Row> train, Dataset<Row> test, Dataset<Row> tuningTrain,
                          Dataset<Row> validation, long trainCount, long testCount, long tuningTrainCount,
                          long validationCount) {

    /**
     * The random split's resolution: a row's hash is reduced to one of this many buckets, and the first {@code f}
     * of them are held out.
     */
    static final long RANDOM_SPLIT_BUCKETS = 1_000_000L;

    /**
     * The random split's parts are spread over this many partitions by user, for the many passes training makes
     * over them; it decides nothing about which row goes where.
     */
    static final int RANDOM_SPLIT_PARTITIONS = 8;

    private static final String TEST_SALT = "test";
    private static final String VALIDATION_SALT = "validation";

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(USER, DataTypes.StringType, false),
            DataTypes.createStructField(MOVIE, DataTypes.StringType, false),
            DataTypes.createStructField(RATING, DataTypes.DoubleType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, false)));

    public RatingSplit {
        Objects.requireNonNull(strategy, "strategy");
    }

    /**
     * Splits {@code ratings} by a {@link SplitStrategy.Random} or {@link SplitStrategy.PerUserTemporal} strategy.
     *
     * @param testFraction       share held out for test, in (0, 1)
     * @param validationFraction share of train held out for validation, in (0, 1)
     */
    public static RatingSplit of(Dataset<Row> ratings, SplitStrategy strategy, double testFraction,
                                 double validationFraction) {
        requireFraction("testFraction", testFraction);
        requireFraction("validationFraction", validationFraction);
        Dataset<Row> selected = RatingColumns.select(ratings);
        if (strategy instanceof SplitStrategy.Predefined) {
            throw new IllegalArgumentException("a predefined split reads its own files: use RatingSplit.predefined");
        }
        Dataset<Row>[] trainTest = strategy instanceof SplitStrategy.Random random
                ? random(selected, testFraction, random.seed(), TEST_SALT)
                : perUserTemporal(selected, testFraction);
        Dataset<Row> train = persist(trainTest[0]);
        Dataset<Row>[] carved = strategy instanceof SplitStrategy.Random random
                ? random(train, validationFraction, random.seed(), VALIDATION_SALT)
                : perUserTemporal(train, validationFraction);
        return counted(strategy, train, persist(trainTest[1]), persist(carved[0]), persist(carved[1]));
    }

    /** Reads train and test from the strategy's files; validation is carved from train at random. */
    public static RatingSplit predefined(SparkSession spark, SplitStrategy.Predefined files,
                                         double validationFraction) {
        requireFraction("validationFraction", validationFraction);
        Dataset<Row> train = persist(readMl100kRatings(spark, files.trainFile()));
        Dataset<Row> test = persist(readMl100kRatings(spark, files.testFile()));
        Dataset<Row>[] carved = random(train, validationFraction, files.validationSeed(), VALIDATION_SALT);
        return counted(files, train, test, persist(carved[0]), persist(carved[1]));
    }

    /**
     * Each (user, movie) pair held out when its seeded hash falls in the first {@code f} of the buckets: [kept, held
     * out]. Unlike {@code randomSplit}, a pair's part depends on nothing but the pair, the seed and the part being
     * carved ({@code salt}), so data that grows (a retrain adds the day's ratings) keeps every earlier pair in the
     * part it had, a re-rated pair included. That is what lets the promotion gate compare two versions' figures:
     * the candidate never trained on a row the serving version was judged on, nor the other way round. The hash
     * is Spark's xxhash64, the same on every machine and in every session.
     */
    @SuppressWarnings("unchecked")
    static Dataset<Row>[] random(Dataset<Row> ratings, double heldOutFraction, long seed, String salt) {
        Column bucket = pairBucket(seed, salt);
        Column heldOut = bucket.lt(lit((long) Math.floor(heldOutFraction * RANDOM_SPLIT_BUCKETS)));
        Dataset<Row> spread = ratings.repartition(RANDOM_SPLIT_PARTITIONS, col(USER));
        return new Dataset[]{spread.filter(not(heldOut)), spread.filter(heldOut)};
    }

    /**
     * A rating's bucket in [0, {@link #RANDOM_SPLIT_BUCKETS}) by a seeded, salted hash of its (user, movie) pair
     * alone: the random split's rule, and the tree models' row sample's ({@link RowSample}).
     */
    static Column pairBucket(long seed, String salt) {
        return pmod(xxhash64(lit(seed), lit(salt), col(USER), col(MOVIE)), lit(RANDOM_SPLIT_BUCKETS));
    }

    /** Each user's latest {@code min(n − 1, floor(f·n + 0.5))} ratings held out: [kept, held out]. */
    @SuppressWarnings("unchecked")
    static Dataset<Row>[] perUserTemporal(Dataset<Row> ratings, double heldOutFraction) {
        Dataset<Row> ranked = ratings
                .withColumn("_n", count(lit(1)).over(Window.partitionBy(USER)))
                .withColumn("_position", row_number().over(Window.partitionBy(USER).orderBy(TIMESTAMP, MOVIE)))
                .withColumn("_held_out", least(col("_n").minus(1),
                        floor(col("_n").multiply(heldOutFraction).plus(0.5))));
        Dataset<Row> kept = ranked.filter(col("_position").leq(col("_n").minus(col("_held_out"))));
        Dataset<Row> heldOut = ranked.filter(col("_position").gt(col("_n").minus(col("_held_out"))));
        return new Dataset[]{kept.drop("_n", "_position", "_held_out"), heldOut.drop("_n", "_position", "_held_out")};
    }

    /**
     * Ratings in ml-100k's {@code u.data} layout, parsed by core's ml-100k parser.
     *
     * @throws IllegalArgumentException if any line is rejected, with how many and the first reasons: a predefined
     *                                  split with silently dropped rows would not be the published split
     */
    public static Dataset<Row> readMl100kRatings(SparkSession spark, String file) {
        MovieLensParser parser = MovieLensFormat.ML_100K.parser();
        JavaRDD<LineResult<Rating>> parsed = spark.read().textFile(file).javaRDD()
                .filter(line -> !line.isBlank())
                .map(line -> parser.rating(line));
        JavaRDD<LineResult<Rating>> rejected = parsed.filter(result -> !result.isParsed());
        long rejectedCount = rejected.count();
        if (rejectedCount > 0) {
            List<String> reasons = rejected.take(3).stream().map(LineResult::reason).toList();
            throw new IllegalArgumentException(file + ": " + rejectedCount + " rating lines rejected, e.g. " + reasons);
        }
        JavaRDD<Row> rows = parsed.map(LineResult::value)
                .map(r -> RowFactory.create(r.userId(), r.movieId(), r.rating(), r.timestamp()));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Releases the four persisted parts. */
    public void unpersist() {
        train.unpersist();
        test.unpersist();
        tuningTrain.unpersist();
        validation.unpersist();
    }

    private static RatingSplit counted(SplitStrategy strategy, Dataset<Row> train, Dataset<Row> test,
                                       Dataset<Row> tuningTrain, Dataset<Row> validation) {
        return new RatingSplit(strategy, train, test, tuningTrain, validation, train.count(), test.count(),
                tuningTrain.count(), validation.count());
    }

    private static Dataset<Row> persist(Dataset<Row> part) {
        return part.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static void requireFraction(String name, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + fraction);
        }
    }
}
