package recsys.offline.embedding;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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

    public EmbedReport run() {
        long started = System.nanoTime();
        String ingestRun = storage.latestRun().orElseThrow(() -> new IllegalStateException(
                "no ingested data under " + storage.root() + ": run 'recsys ingest --data DIR' first"));
        String runId = RunIds.next(clock);
        out.printf("embed %s: movies of ingest %s%n", runId, ingestRun);

        String vectorsDataset = "vectors-" + runId;
        String index = null;
        boolean published = false;
        try {
            index = indices.create(IndexSchema.MOVIE_VECTORS, runId);
            Dataset<Row> texts = movieTexts(spark, spark.read().parquet(storage.dataset(ingestRun, "movies")));
            long movies = texts.count();
            long embedStarted = System.nanoTime();
            Dataset<Row> vectors = embedder.embed(texts).persist(StorageLevel.MEMORY_AND_DISK());
            long embedded = vectors.count();
            double embedSeconds = (System.nanoTime() - embedStarted) / 1e9;
            if (embedded != movies) {
                throw new IllegalStateException("embedded " + embedded + " movies, expected " + movies);
            }
            // the embedder gives every token length its own partition (up to 129, most of them tiny): fine for
            // embedding, where they run in parallel, but each would cost a task and a bulk connection when
            // writing, so the cached vectors are merged first. Merging before embedding would put adjacent
            // lengths, that is nearly every text, into one task.
            Dataset<Row> documents = vectors.coalesce(spark.sparkContext().defaultParallelism())
                    .withColumnRenamed("vector", "movie_vector");
            documents.write().parquet(storage.dataset(ingestRun, vectorsDataset));
            writer.write(documents, IndexSchema.MOVIE_VECTORS, index, movies);
            IndexLifecycle.Publication publication = indices.publish(Map.of(IndexSchema.MOVIE_VECTORS, index));
            published = true;
            storage.markVectors(ingestRun, vectorsDataset);
            publication.print("embed " + runId, out);
            vectors.unpersist();
            return new EmbedReport(runId, ingestRun, movies, embedSeconds, index, (System.nanoTime() - started) / 1e9);
        } finally {
            // finally, not catch (RuntimeException): a failed Spark job surfaces as SparkException, a checked
            // exception Scala code throws undeclared, which such a catch would let through with the index left
            if (!published) {
                if (index != null) {
                    indices.discard(List.of(index));
                }
                storage.deleteQuietly(storage.dataset(ingestRun, vectorsDataset));
            }
        }
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
