package recsys.offline.ingest;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import recsys.core.index.IndexSchema;
import recsys.core.index.UserFields;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.TagRanking;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.retrain.OnlineEvents;
import recsys.offline.spark.StepTimer;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;

/**
 * Ingest: reads a MovieLens folder in any supported format, cleans it, and publishes the {@code movies} and
 * {@code users} indices plus Parquet copies for the later jobs.
 *
 * <ol>
 *   <li>detect the format from the file names;</li>
 *   <li>create this run's empty indices (a refused mapping fails before any Spark work);</li>
 *   <li>parse every file line by line, counting and keeping examples of the lines it rejects;</li>
 *   <li>drop ratings and tags of movies the catalogue lacks (counted), keep the latest rating of each
 *       (user, movie);</li>
 *   <li>build movie documents (statistics, ranked tags, links) and user histories in time order;</li>
 *   <li>write Parquet, bulk-load the indices, then swap both aliases in one request and move LATEST.</li>
 * </ol>
 * Any failure before the swap (a refused document in the bulk load, a refused swap) deletes this run's indices and
 * its folder and leaves what readers see, the aliases and LATEST, unchanged. Once the swap succeeded the run is
 * published: an old version it cannot delete is reported, not a failure.
 */
public final class IngestJob {

    private static final int UNKNOWN_EXAMPLES = 5;
    /** The "file" an online rating came from, in rejected-line examples. */
    static final String ONLINE_EVENTS = "events (online writes)";

    private final SparkSession spark;
    private final StorageLayout storage;
    private final IndexLifecycle indices;
    private final IndexWriter writer;
    private final Clock clock;
    private final PrintStream out;

    public IngestJob(SparkSession spark, StorageLayout storage, IndexLifecycle indices, IndexWriter writer,
                     Clock clock, PrintStream out) {
        this.spark = spark;
        this.storage = storage;
        this.indices = indices;
        this.writer = writer;
        this.clock = clock;
        this.out = out;
    }

    public IngestReport run(String dataDir) {
        return run(dataDir, OnlineEvents.none(spark));
    }

    /**
     * Ingests {@code dataDir} with the service's accepted writes merged in by the service's own rules: a movie's
     * latest event replaces its title, genres and tags (or adds it), and an online rating of a (user, movie) wins
     * over the files' rating of it, the latest received winning among online ones.
     */
    public IngestReport run(String dataDir, OnlineEvents events) {
        return stage(dataDir, events, true).report();
    }

    /**
     * An ingest whose indices are built but not published: the aliases and LATEST stay where they were until the
     * caller publishes {@link Staged#indices} (with {@link IndexLifecycle#publish}) and moves LATEST, or discards
     * them. A retrain publishes everything of a run together, at its end, so a failure in a later stage changes
     * nothing readers see.
     *
     * @param dataDir a MovieLens folder, or null to start from the data of {@code previousRun}
     */
    public Staged stage(String dataDir, String previousRun, OnlineEvents events) {
        if (dataDir != null) {
            return stage(dataDir, events, false);
        }
        // the data of an earlier run (its Parquet copies: what it had merged, online events included) with the
        // events merged in again; merging is idempotent, so the events it already had change nothing twice
        return run(MovieLensFolder.PREVIOUS_RUN, storage.runDir(previousRun),
                () -> MovieLensFolder.fromRun(spark, storage, previousRun), events, false);
    }

    /** What {@link #stage} built: the report and the run's indices, not yet behind their aliases. */
    public record Staged(IngestReport report, Map<IndexSchema, String> indices) {
    }

    private Staged stage(String dataDir, OnlineEvents events, boolean publish) {
        MovieLensFormat format = MovieLensFolder.detectFormat(spark, dataDir);
        return run(format.name(), dataDir, () -> MovieLensFolder.read(spark, dataDir, format), events, publish);
    }

    private Staged run(String formatName, String dataDir, Supplier<MovieLensFolder> read, OnlineEvents events,
                       boolean publish) {
        long started = System.nanoTime();
        String runId = RunIds.next(clock);
        out.printf("ingest %s: %s in %s%n", runId, formatName, dataDir);

        Map<IndexSchema, String> created = new LinkedHashMap<>();
        boolean kept = false;
        StepTimer timer = new StepTimer("ingest", out);
        try {
            created.put(IndexSchema.MOVIES, indices.create(IndexSchema.MOVIES, runId));
            created.put(IndexSchema.USERS, indices.create(IndexSchema.USERS, runId));
            timer.lap("create indices");

            MovieLensFolder parsed = read.get();
            timer.lap("parse");
            Cleaned cleaned = clean(parsed, events);
            timer.lap("clean");

            Dataset<Row> movieDocuments = movieDocuments(cleaned).persist(StorageLevel.MEMORY_AND_DISK());
            // the histories also keep what users rated online of movies the catalogue lacks (the service took
            // those ratings; training does not, as it does not take the files' ones)
            Dataset<Row> userDocuments = userDocuments(cleaned.ratings.unionByName(cleaned.onlineUnknownRatings))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long movies = cleaned.movieCount;
            long users = userDocuments.count();
            long ratings = cleaned.ratingCount;
            long tags = cleaned.tagCount;
            timer.lap("build documents");

            movieDocuments.write().parquet(storage.dataset(runId, "movies"));
            userDocuments.write().parquet(storage.dataset(runId, "users"));
            cleaned.ratings.write().parquet(storage.dataset(runId, "ratings"));
            cleaned.tags.write().parquet(storage.dataset(runId, "tags"));
            timer.lap("write parquet");
            // everything read from the files is persisted or written by now
            parsed.unpersist();

            writer.write(movieDocuments, IndexSchema.MOVIES, created.get(IndexSchema.MOVIES), movies);
            writer.write(userDocuments, IndexSchema.USERS, created.get(IndexSchema.USERS), users);
            timer.lap("index documents");
            if (publish) {
                IndexLifecycle.Publication publication = indices.publish(created);
                kept = true;
                timer.lap("publish");
                publication.print("ingest " + runId, out);
            }

            Map<String, String> aliases = new LinkedHashMap<>();
            created.forEach((schema, index) -> aliases.put(indices.names().alias(schema), index));
            IngestReport report = new IngestReport(runId, formatName, dataDir, parsed.reports(), movies,
                    cleaned.duplicateMovies, ratings, cleaned.duplicateRatings, cleaned.unknownMovieRatings,
                    cleaned.unknownMovieExamples, tags, cleaned.unknownMovieTags, users, events.ratingEvents(),
                    events.movieEvents(), events.cutMillis(), aliases,
                    timer.seconds(), (System.nanoTime() - started) / 1e9);
            storage.writeText(storage.runDir(runId) + "/ingest-report.json", toJson(report));
            if (publish) {
                storage.markLatest(runId);
            }
            movieDocuments.unpersist();
            userDocuments.unpersist();
            cleaned.persisted.forEach(Dataset::unpersist);
            kept = true;
            return new Staged(report, Map.copyOf(created));
        } finally {
            // finally, not catch (RuntimeException): a failed Spark job surfaces as SparkException, a checked
            // exception Scala code throws undeclared, which such a catch would let through with the indices left
            if (!kept) {
                indices.discard(created.values());
                storage.deleteQuietly(storage.runDir(runId));
            }
        }
    }

    private record Cleaned(Dataset<Row> movies, Dataset<Row> onlineTags, Dataset<Row> ratings,
                           Dataset<Row> onlineUnknownRatings, Dataset<Row> tags,
                           Dataset<Row> links,
                           long movieCount, long duplicateMovies, long ratingCount, long duplicateRatings,
                           long unknownMovieRatings, List<RejectedLine> unknownMovieExamples, long tagCount,
                           long unknownMovieTags, List<Dataset<Row>> persisted) {
    }

    private Cleaned clean(MovieLensFolder parsed, OnlineEvents events) {
        // the parse reports already count the raw rows (parsed lines), so only the kept rows need counting here
        Dataset<Row> fileMovies = FirstPerKey.of(parsed.movies(), List.of("movie_id"), col("line").asc()).drop("line")
                .persist(StorageLevel.MEMORY_AND_DISK());
        long duplicateMovies = parsed.reports().get(0).parsed() - fileMovies.count();
        Dataset<Row> onlineMovies = events.latestMovies().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> movies = fileMovies.join(onlineMovies.select("movie_id"), "movie_id", "left_anti")
                .unionByName(onlineMovies.select(col("movie_id"), col("title"), col("year"),
                        coalesce(col("genres"), expr("cast(array() as array<string>)")).as("genres")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long movieCount = movies.count();

        Dataset<Row> knownIds = movies.select("movie_id");
        // online ratings are lines of an "events" file numbered by arrival, after every line of the files
        Dataset<Row> allRatings = parsed.ratings().withColumn("online", lit(0)).withColumn("received_at", lit(0L))
                .unionByName(events.ratings().withColumn("line", col("received_at")).withColumn("online", lit(1)));
        Dataset<Row> unknownRatings = allRatings.join(knownIds, "movie_id", "left_anti");
        String ratingsFile = parsed.reports().get(1).file();
        List<Row> unknown = unknownRatings.orderBy("online", "line").select("line", "movie_id", "user_id", "online")
                .collectAsList();
        List<RejectedLine> unknownExamples = unknown.stream().limit(UNKNOWN_EXAMPLES)
                .map(row -> new RejectedLine(row.getInt(3) == 1 ? ONLINE_EVENTS : ratingsFile, row.getLong(0),
                        "movie_id " + row.getString(1) + " is not in the movies file", "user_id " + row.getString(2)))
                .toList();
        Dataset<Row> knownRatings = allRatings.join(knownIds, "movie_id", "left_semi");
        // a user who rated a movie twice meant the later rating: an online one over the files' (as the service
        // merged it), then the latest received; ties in the files go to the later line
        Dataset<Row> ratings = FirstPerKey.of(knownRatings, List.of("user_id", "movie_id"), col("online").desc(),
                col("received_at").desc(), col("timestamp").desc(), col("line").desc())
                .drop("line", "online", "received_at")
                .persist(StorageLevel.MEMORY_AND_DISK());
        long ratingCount = ratings.count();
        long duplicateRatings = parsed.reports().get(1).parsed() + events.ratingEvents() - unknown.size()
                - ratingCount;

        Dataset<Row> tags = parsed.tags().join(knownIds, "movie_id", "left_semi").drop("line")
                .persist(StorageLevel.MEMORY_AND_DISK());
        long tagCount = tags.count();
        long tagLines = parsed.reports().size() > 2 && parsed.tagsParsed() ? parsed.reports().get(2).parsed() : 0;

        Dataset<Row> onlineUnknownRatings = FirstPerKey.of(unknownRatings.filter(col("online").equalTo(1)),
                List.of("user_id", "movie_id"), col("received_at").desc(), col("timestamp").desc())
                .drop("line", "online", "received_at");
        Dataset<Row> links = FirstPerKey.of(parsed.links(), List.of("movie_id"), col("line").asc()).drop("line");
        return new Cleaned(movies, onlineMovies.select("movie_id", "tags"), ratings, onlineUnknownRatings, tags, links,
                movieCount, duplicateMovies, ratingCount, duplicateRatings,
                unknown.size(), unknownExamples, tagCount, tagLines - tagCount,
                List.of(fileMovies, onlineMovies, movies, ratings, tags));
    }

    private Dataset<Row> movieDocuments(Cleaned cleaned) {
        Dataset<Row> statistics = cleaned.ratings.groupBy("movie_id").agg(
                count(lit(1)).cast(DataTypes.IntegerType).as("rating_count"),
                avg("rating").cast(DataTypes.FloatType).as("rating_mean"));
        Dataset<Row> rankedTags = rankedTags(cleaned.tags);
        return cleaned.movies
                .join(statistics, "movie_id", "left")
                .join(rankedTags, "movie_id", "left")
                .join(cleaned.onlineTags.withColumnRenamed("tags", "online_tags"), "movie_id", "left")
                .join(cleaned.links, "movie_id", "left")
                .select(col("movie_id"), col("title"), col("year"), col("genres"),
                        // a movie posted online has the tags it was posted with, as the service stores them
                        coalesce(col("online_tags"), col("tags"), expr("cast(array() as array<string>)")).as("tags"),
                        col("imdb_id"), col("tmdb_id"),
                        coalesce(col("rating_count"), lit(0)).as("rating_count"), col("rating_mean"));
    }

    /** Each movie's distinct tags, most frequent first, ranked by the one rule in core. */
    private Dataset<Row> rankedTags(Dataset<Row> tags) {
        JavaRDD<Row> ranked = tags.select("movie_id", "tag").javaRDD()
                .mapToPair(row -> new scala.Tuple2<>(row.getString(0), row.getString(1)))
                .groupByKey()
                .map(group -> {
                    List<String> all = new ArrayList<>();
                    group._2.forEach(all::add);
                    return RowFactory.create(group._1, TagRanking.rank(all).toArray(String[]::new));
                });
        return spark.createDataFrame(ranked, DataTypes.createStructType(List.of(
                DataTypes.createStructField("movie_id", DataTypes.StringType, false),
                DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType, false), false))));
    }

    /**
     * Each user's history in time order (ties by movie id), as parallel arrays: the source fields of a
     * {@code users} document ({@link UserFields#SOURCE}, in that order), from the ratings' columns.
     */
    private static Dataset<Row> userDocuments(Dataset<Row> ratings) {
        return ratings.groupBy("user_id").agg(
                        sort_array(collect_list(struct(col("timestamp"), col("movie_id"), col("rating")))).as("history"),
                        count(lit(1)).cast(DataTypes.IntegerType).as(UserFields.RATING_COUNT),
                        avg("rating").cast(DataTypes.FloatType).as(UserFields.RATING_MEAN))
                .select(col("user_id").as(UserFields.USER_ID),
                        expr("transform(history, h -> h.movie_id)").as(UserFields.MOVIE_IDS),
                        expr("transform(history, h -> cast(h.rating as float))").as(UserFields.RATINGS),
                        expr("transform(history, h -> h.timestamp)").as(UserFields.TIMESTAMPS),
                        col(UserFields.RATING_COUNT), col(UserFields.RATING_MEAN));
    }

    private static String toJson(IngestReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ingest report", e);
        }
    }
}
