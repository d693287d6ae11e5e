package recsys.offline.embedding;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import recsys.core.embedding.MovieText;
import recsys.core.index.IndexSchema;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;

/**
 * Embed: one 384-dimension sentence embedding per movie of the latest ingest, from the movie text template in
 * core, published as the {@code movie_vectors} index and written as Parquet beside the ingest's data. A run that
 * fails before its alias swap (in the embedding, the Parquet write or the bulk load) deletes its index and its
 * Parquet folder and leaves the alias and the ingest run's VECTORS pointer where they were.
 */
public final class EmbedJob {

    private final SparkSession spark;
    private final StorageLayout storage;
    private final IndexLifecycle indices;
    private final IndexWriter writer;
    private final SparkNlpSentenceEmbedder embedder;
    private final Clock clock;
    private final PrintStream out;

    public EmbedJob(SparkSession spark, StorageLayout storage, IndexLifecycle indices, IndexWriter writer,
                    SparkNlpSentenceEmbedder embedder, Clock clock, PrintStream out) {
        this.spark = spark;
        this.storage = storage;
        this.indices = indices;
        this.writer = writer;
        this.embedder = embedder;
        this.clock = clock;
        this.out = out;
    }

    /** Embeds the movies of the latest ingest and publishes the index. */
    public EmbedReport run() {
        String ingestRun = storage.latestRun().orElseThrow(() -> new IllegalStateException(
                "no ingested data under " + storage.root() + ": run 'recsys ingest --data DIR' first"));
        return run(ingestRun, Optional.empty(), true);
    }

    /**
     * Embeds the movies of {@code ingestRun}, a staged ingest, into an index left unpublished for the caller (a
     * retrain publishes every index of a run at its end).
     *
     * @param reuseFrom an earlier ingest run whose vectors are reused for the movies whose text (the core template
     *                  over title, genres and tags) is the same now: the model is deterministic, so embedding them
     *                  again would give the same vectors at the most expensive step's cost
     */
    public EmbedReport stage(String ingestRun, Optional<String> reuseFrom) {
        return run(ingestRun, reuseFrom, false);
    }

    private EmbedReport run(String ingestRun, Optional<String> reuseFrom, boolean publish) {
        long started = System.nanoTime();
        String runId = RunIds.next(clock);
        out.printf("embed %s: movies of ingest %s%n", runId, ingestRun);

        String vectorsDataset = "vectors-" + runId;
        String index = null;
        boolean kept = false;
        try {
            index = indices.create(IndexSchema.MOVIE_VECTORS, runId);
            Dataset<Row> texts = movieTexts(spark, spark.read().parquet(storage.dataset(ingestRun, "movies")));
            long movies = texts.count();
            Dataset<Row> reused = reusable(texts, reuseFrom.filter(run -> !run.equals(ingestRun)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long reusedCount = reused.count();
            Dataset<Row> toEmbed = texts.join(reused.select("movie_id"), "movie_id", "left_anti");
            long expected = movies - reusedCount;
            long embedStarted = System.nanoTime();
            Dataset<Row> vectors = embedder.embed(toEmbed).persist(StorageLevel.MEMORY_AND_DISK());
            long embedded = vectors.count();
            double embedSeconds = (System.nanoTime() - embedStarted) / 1e9;
            if (embedded != expected) {
                throw new IllegalStateException("embedded " + embedded + " movies, expected " + expected);
            }
            // the embedder gives every token length its own partition (up to 129, most of them tiny): fine for
            // embedding, where they run in parallel, but each would cost a task and a bulk connection when
            // writing, so the cached vectors are merged first. Merging before embedding would put adjacent
            // lengths, that is nearly every text, into one task.
            Dataset<Row> documents = vectors.withColumnRenamed("vector", "movie_vector").select("movie_id", "movie_vector")
                    .unionByName(reused)
                    .coalesce(spark.sparkContext().defaultParallelism());
            documents.write().parquet(storage.dataset(ingestRun, vectorsDataset));
            writer.write(documents, IndexSchema.MOVIE_VECTORS, index, movies);
            if (publish) {
                IndexLifecycle.Publication publication = indices.publish(Map.of(IndexSchema.MOVIE_VECTORS, index));
                kept = true;
                publication.print("embed " + runId, out);
            }
            storage.markVectors(ingestRun, vectorsDataset);
            kept = true;
            vectors.unpersist();
            reused.unpersist();
            return new EmbedReport(runId, ingestRun, movies, reusedCount, embedSeconds, index,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            // finally, not catch (RuntimeException): a failed Spark job surfaces as SparkException, a checked
            // exception Scala code throws undeclared, which such a catch would let through with the index left
            if (!kept) {
                if (index != null) {
                    indices.discard(List.of(index));
                }
                storage.deleteQuietly(storage.dataset(ingestRun, vectorsDataset));
            }
        }
    }

    /** {@code movie_id, movie_vector} of the movies of {@code texts} whose text is what it was in {@code run}. */
    private Dataset<Row> reusable(Dataset<Row> texts, Optional<String> run) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("movie_id", DataTypes.StringType, false),
                DataTypes.createStructField("movie_vector", DataTypes.createArrayType(DataTypes.FloatType), true)));
        if (run.isEmpty() || !storage.hasVectors(run.get())) {
            return spark.createDataFrame(List.of(), schema);
        }
        Dataset<Row> earlierTexts = movieTexts(spark, spark.read().parquet(storage.dataset(run.get(), "movies")));
        Dataset<Row> earlierVectors = spark.read().parquet(storage.dataset(run.get(), storage.vectorsOf(run.get())))
                .select("movie_id", "movie_vector");
        return texts.join(earlierTexts.withColumnRenamed("text", "earlier_text"), "movie_id")
                .filter(col("text").equalTo(col("earlier_text")))
                .join(earlierVectors, "movie_id")
                .select("movie_id", "movie_vector");
    }

    /** {@code movie_id, text}: the core template applied to each movie document. */
    public static Dataset<Row> movieTexts(SparkSession spark, Dataset<Row> movies) {
        return spark.createDataFrame(movies.select("movie_id", "title", "genres", "tags").javaRDD().map(row ->
                RowFactory.create(row.getString(0), MovieText.of(row.getString(1), strings(row, 2), strings(row, 3)))),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("movie_id", DataTypes.StringType, false),
                        DataTypes.createStructField("text", DataTypes.StringType, false))));
    }

    private static List<String> strings(Row row, int field) {
        return row.isNullAt(field) ? List.of() : new ArrayList<>(row.getList(field));
    }
}
