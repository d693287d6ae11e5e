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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import recsys.core.movielens.MovieLensFormat;
import recsys.core.movielens.MovieLensParser;
import recsys.offline.storage.StorageLayout;

/**
 * The files of one MovieLens folder in any supported format, parsed line by line by core's parsers, before any
 * cleaning: duplicates and ratings of unknown movies are still there, each row keeps its {@code line} number, and
 * rejected lines are counted in {@code reports}. Ingest cleans these; the notebooks read them as they are.
 *
 * @param format     the format detected from the file names
 * @param reports    movies, ratings, then tags if {@code tagsParsed}, then links if present
 * @param tagsParsed whether the folder had a tags file (ml-1m has none)
 * @param parsedLines the cached parse of each file the tables above are read from, which {@link #unpersist}
 *                    releases
 */
public record MovieLensFolder(MovieLensFormat format, Dataset<Row> movies, Dataset<Row> ratings, Dataset<Row> tags,
                              Dataset<Row> links, List<FileReport> reports, boolean tagsParsed,
                              List<Dataset<Row>> parsedLines) {

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
        return new MovieLensFolder(MovieLensFormat.ML_LATEST_CSV, movies, ratings, tags, links, reports, true,
                List.of());
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
        int partitions = spark.sparkContext().defaultParallelism();
        MovieLensParser parser = format.parser();
        List<ParsedFile> files = new ArrayList<>();

        ParsedFile movies = ParsedFile.parse(spark, dataDir, format.moviesFile(), format.charset(),
                format.hasHeader(), parser::movie, IngestRows::movie, IngestRows.MOVIES, partitions);
        files.add(movies);
        ParsedFile ratings = ParsedFile.parse(spark, dataDir, format.ratingsFile(), format.charset(),
                format.hasHeader(), parser::rating, IngestRows::rating, IngestRows.RATINGS, partitions);
        files.add(ratings);

        Dataset<Row> tags = spark.createDataFrame(List.of(), IngestRows.TAGS);
        boolean tagsParsed = false;
        // ml-1m has no tags.dat while ml-10m has one: the format names the file, the folder decides
        if (format.tagsFile().isPresent() && exists(spark, dataDir + "/" + format.tagsFile().get())) {
            ParsedFile parsedTags = ParsedFile.parse(spark, dataDir, format.tagsFile().get(), format.charset(),
                    format.hasHeader(), parser::tag, IngestRows::tag, IngestRows.TAGS, partitions);
            files.add(parsedTags);
            tags = parsedTags.values();
            tagsParsed = true;
        }
        Dataset<Row> links = spark.createDataFrame(List.of(), IngestRows.LINKS);
        if (format.linksFile().isPresent() && exists(spark, dataDir + "/" + format.linksFile().get())) {
            ParsedFile parsedLinks = ParsedFile.parse(spark, dataDir, format.linksFile().get(), format.charset(),
                    format.hasHeader(), parser::link, IngestRows::link, IngestRows.LINKS, partitions);
            files.add(parsedLinks);
            links = parsedLinks.values();
        }
        return new MovieLensFolder(format, movies.values(), ratings.values(), tags, links,
                files.stream().map(ParsedFile::report).toList(), tagsParsed,
                files.stream().map(ParsedFile::lines).toList());
    }

    /** Releases the parsed files' cache: call it once everything read from them is persisted or written. */
    public void unpersist() {
        parsedLines.forEach(Dataset::unpersist);
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
