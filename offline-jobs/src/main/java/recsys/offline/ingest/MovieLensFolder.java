package recsys.offline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import recsys.core.movielens.Link;
import recsys.core.movielens.Movie;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.core.movielens.Rating;
import recsys.core.movielens.Tag;
import recsys.offline.storage.StorageLayout;

/**
 * The files of one MovieLens folder in any supported format, parsed line by line by core's parsers, before any
 * cleaning: duplicates and ratings of unknown movies are still there, each row keeps its {@code line} number, and
 * rejected lines are counted in {@code reports}. Ingest cleans these; the notebooks read them as they are.
 *
 * @param format     the format detected from the file names
 * @param reports    movies, ratings, then tags if {@code tagsParsed}, then links if present
 * @param tagsParsed whether the folder had a tags file (ml-1m has none)
 */
public record MovieLensFolder(MovieLensFormat format, Dataset<Row> movies, Dataset<Row> ratings, Dataset<Row> tags,
                              Dataset<Row> links, List<FileReport> reports, boolean tagsParsed) {

    /** The format name of data read back from an earlier ingest run ({@link #fromRun}). */
    public static final String PREVIOUS_RUN = "PREVIOUS_RUN";

    /**
     * The data an earlier ingest run kept (its {@code movies}, {@code ratings} and {@code tags} Parquet), in the
     * parsed shape: each table counts as one file whose rows all parsed. Links come from the movie documents.
     */
    public static MovieLensFolder fromRun(SparkSession spark, StorageLayout storage, String runId) {
        Dataset<Row> documents = spark.read().parquet(storage.dataset(runId, "movies"));
        Dataset<Row> movies = documents.select(col("movie_id"), col("title"), col("year"), col("genres"),
                lit(0L).as("line"));
        Dataset<Row> ratings = spark.read().parquet(storage.dataset(runId, "ratings"))
                .select(col("user_id"), col("movie_id"), col("rating"), col("timestamp"), lit(0L).as("line"));
        Dataset<Row> tags = spark.read().parquet(storage.dataset(runId, "tags"))
                .select(col("user_id"), col("movie_id"), col("tag"), col("timestamp"), lit(0L).as("line"));
        Dataset<Row> links = documents.select(col("movie_id"), col("imdb_id"), col("tmdb_id"), lit(0L).as("line"));
        List<FileReport> reports = new ArrayList<>();
        for (var table : List.of(Map.entry("movies", movies), Map.entry("ratings", ratings), Map.entry("tags", tags),
                Map.entry("links", links))) {
            long rows = table.getValue().count();
            reports.add(new FileReport(storage.dataset(runId, table.getKey()), rows, rows, 0, List.of()));
        }
        return new MovieLensFolder(MovieLensFormat.ML_LATEST_CSV, movies, ratings, tags, links, reports, true);
    }

    /** Detects the format and parses every file of {@code dataDir} (any Hadoop file system URI or local path). */
    public static MovieLensFolder read(SparkSession spark, String dataDir) {
        return read(spark, dataDir, detectFormat(spark, dataDir));
    }

    /** @throws IllegalArgumentException naming what was expected when the folder holds no MovieLens data */
    public static MovieLensFormat detectFormat(SparkSession spark, String dataDir) {
        Path dir = new Path(dataDir);
        try {
            FileStatus[] files = dir.getFileSystem(spark.sparkContext().hadoopConfiguration()).listStatus(dir);
            List<String> names = Arrays.stream(files).map(file -> file.getPath().getName()).toList();
            return MovieLensFormat.detect(names).orElseThrow(() -> new IllegalArgumentException(
                    "no MovieLens data in " + dataDir + ": expected movies.csv and ratings.csv (ml-latest), "
                            + "movies.dat and ratings.dat (ml-1m, ml-10m) or u.item and u.data (ml-100k); found "
                            + names));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDir, e);
        }
    }

    static MovieLensFolder read(SparkSession spark, String dataDir, MovieLensFormat format) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = context.defaultParallelism();
        MovieLensParser parser = format.parser();
        List<FileReport> reports = new ArrayList<>();

        ParsedFile<Movie> movies = ParsedFile.parse(context, dataDir, format.moviesFile(),
                format.charset(), format.hasHeader(), parser::movie, partitions);
        reports.add(movies.report());
        ParsedFile<Rating> ratings = ParsedFile.parse(context, dataDir, format.ratingsFile(),
                format.charset(), format.hasHeader(), parser::rating, partitions);
        reports.add(ratings.report());

        Dataset<Row> tags = spark.createDataFrame(List.of(), IngestRows.TAGS);
        boolean tagsParsed = false;
        // ml-1m has no tags.dat while ml-10m has one: the format names the file, the folder decides
        if (format.tagsFile().isPresent() && exists(spark, dataDir + "/" + format.tagsFile().get())) {
            ParsedFile<Tag> parsedTags = ParsedFile.parse(context, dataDir,
                    format.tagsFile().get(), format.charset(), format.hasHeader(), parser::tag, partitions);
            reports.add(parsedTags.report());
            tags = IngestRows.tags(spark, parsedTags.values());
            tagsParsed = true;
        }
        Dataset<Row> links = spark.createDataFrame(List.of(), IngestRows.LINKS);
        if (format.linksFile().isPresent() && exists(spark, dataDir + "/" + format.linksFile().get())) {
            ParsedFile<Link> parsedLinks = ParsedFile.parse(context, dataDir, format.linksFile().get(),
                    format.charset(), format.hasHeader(), parser::link, partitions);
            reports.add(parsedLinks.report());
            links = IngestRows.links(spark, parsedLinks.values());
        }
        return new MovieLensFolder(format, IngestRows.movies(spark, movies.values()),
                IngestRows.ratings(spark, ratings.values()), tags, links, reports, tagsParsed);
    }

    private static boolean exists(SparkSession spark, String file) {
        Path path = new Path(file);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + file, e);
        }
    }
}
