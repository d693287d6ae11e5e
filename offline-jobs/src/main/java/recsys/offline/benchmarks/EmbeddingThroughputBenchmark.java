package recsys.offline.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.core.embedding.MovieText;
import recsys.core.embedding.OnnxSentenceEmbedder;
import recsys.offline.embedding.SparkNlpSentenceEmbedder;

/**
 * Texts per second of the two ways to embed movies, on the same texts and the same cores: plain ONNX Runtime
 * ({@link OnnxSentenceEmbedder}) and Spark NLP ({@link SparkNlpSentenceEmbedder}).
 *
 * <p>Fairness: both get two cores and one ONNX thread per core. ONNX Runtime runs two embedders with one intra-op
 * thread each, on alternate texts, in two threads (plus, for reference, one embedder with two intra-op threads);
 * Spark runs {@code local[2]} with {@code spark.jsl.settings.onnx.intraOpNumThreads=1}. Timings include
 * everything a job pays per text: tokenising (twice when sorting by length), the Spark NLP route's text
 * rewrite, bucketing shuffle and the write of all vectors (to Spark's {@code noop} sink). Model loading is not
 * timed. Every case runs once to warm up, then the cases take turns for {@code --runs} rounds, so drift in machine
 * load hits all of them alike; the report gives each case's median.
 *
 * <p>Usage: {@code EmbeddingThroughputBenchmark [--texts FILE (one text per line)] [--count 2000] [--seed 42]
 * [--runs 5]}; without {@code --texts}, movie-like texts are generated with {@link MovieText}.
 */
public final class EmbeddingThroughputBenchmark {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(SparkNlpSentenceEmbedder.ID, DataTypes.StringType, false),
            DataTypes.createStructField(SparkNlpSentenceEmbedder.TEXT, DataTypes.StringType, false)));

    private static final String SPARK_BUCKETED = "Spark NLP E5  batch 32 length-bucketed  local[2]";

    /** One way of embedding all texts; returns when every vector exists. */
    private interface Case {
        void embedAll() throws Exception;
    }

    private EmbeddingThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        List<String> texts = options.containsKey("texts")
                ? Files.readAllLines(Path.of(options.get("texts")), StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank()).toList()
                : syntheticMovieTexts(Integer.parseInt(options.getOrDefault("count", "2000")),
                        Long.parseLong(options.getOrDefault("seed", "42")));
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("EmbeddingThroughputBenchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config(SparkNlpSentenceEmbedder.ONNX_THREADS_KEY, "1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, texts, runs);
        } finally {
            spark.stop();
        }
    }

    /** Measures every case on {@code texts} and prints the table; callers may pass real movie texts. */
    public static Map<String, Double> run(SparkSession spark, List<String> texts, int runs) throws Exception {
        MiniLmModelFiles files = MiniLmModelFiles.materialiseInTempDir();
        OnnxSentenceEmbedder.Settings one = OnnxSentenceEmbedder.Settings.DEFAULT;
        List<AutoCloseable> resources = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Case> cases = new LinkedHashMap<>();
            for (int batch : new int[] {8, 32}) {
                for (boolean sorted : new boolean[] {false, true}) {
                    OnnxSentenceEmbedder.Settings settings = one.withBatchSize(batch).withSortByLength(sorted);
                    OnnxSentenceEmbedder[] pair = {open(files, settings, resources), open(files, settings, resources)};
                    cases.put(String.format("ONNX Runtime  batch %2d %-8s 2 embedders x 1 thread", batch,
                            sorted ? "sorted" : "unsorted"), () -> inTwoThreads(pool, pair, texts));
                }
            }
            OnnxSentenceEmbedder twoThreads = open(files, one.withIntraOpThreads(2), resources);
            cases.put("ONNX Runtime  batch 32 sorted   1 embedder  x 2 threads", () -> twoThreads.embedAll(texts));
            Dataset<Row> input = input(spark, texts);
            SparkNlpSentenceEmbedder bucketed = SparkNlpSentenceEmbedder.load(spark, files, 32);
            resources.add(bucketed);
            cases.put(SPARK_BUCKETED, () -> noop(bucketed.embed(input)));
            SparkNlpSentenceEmbedder single = SparkNlpSentenceEmbedder.load(spark, files, 1);
            resources.add(single);
            cases.put("Spark NLP E5  batch  1 2 partitions     local[2]", () -> noop(single.embed(input)));

            for (Case c : cases.values()) {
                c.embedAll(); // warm-up: JIT, ONNX Runtime arenas, Spark code generation and executor sessions
            }
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Map<String, double[]> rates = new LinkedHashMap<>();
            cases.keySet().forEach(name -> rates.put(name, new double[runs]));
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, Case> c : cases.entrySet()) {
                    long start = System.nanoTime();
                    c.getValue().embedAll();
                    rates.get(c.getKey())[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return report(texts, files, runs, rates, loadBefore, loadAfter);
        } finally {
            pool.shutdownNow();
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        }
    }

    private static Map<String, Double> report(List<String> texts, MiniLmModelFiles files, int runs,
                                              Map<String, double[]> rates, double loadBefore, double loadAfter)
            throws IOException {
        double meanTokens;
        try (OnnxSentenceEmbedder counter = OnnxSentenceEmbedder.open(files, OnnxSentenceEmbedder.Settings.DEFAULT)) {
            meanTokens = texts.stream().mapToInt(counter::tokenCount).average().orElse(0);
        }
        System.out.printf("%n%d texts, %.1f WordPiece tokens on average; %d cores; load average %.2f before, "
                        + "%.2f after timing%n", texts.size(), meanTokens, Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter);
        System.out.printf("%-56s %10s   %s%n", "case", "texts/s", "each run (median of " + runs + ")");
        Map<String, Double> medians = new LinkedHashMap<>();
        double bestOnnx = 0;
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            double median = median(e.getValue());
            medians.put(e.getKey(), median);
            if (e.getKey().startsWith("ONNX")) {
                bestOnnx = Math.max(bestOnnx, median);
            }
            System.out.printf("%-56s %10.0f   %s%n", e.getKey(), median, Arrays.stream(e.getValue())
                    .mapToObj(v -> String.format("%.0f", v)).toList());
        }
        System.out.printf("Spark NLP batch 32 bucketed / best ONNX Runtime: %.2f%n",
                medians.get(SPARK_BUCKETED) / bestOnnx);
        return medians;
    }

    private static OnnxSentenceEmbedder open(MiniLmModelFiles files, OnnxSentenceEmbedder.Settings settings,
                                             List<AutoCloseable> resources) throws IOException {
        OnnxSentenceEmbedder embedder = OnnxSentenceEmbedder.open(files, settings);
        resources.add(embedder);
        return embedder;
    }

    /** Each embedder takes every other text, as two Spark tasks would take two partitions. */
    private static void inTwoThreads(ExecutorService pool, OnnxSentenceEmbedder[] embedders, List<String> texts)
            throws InterruptedException, ExecutionException {
        List<Future<List<float[]>>> parts = new ArrayList<>();
        for (int part = 0; part < embedders.length; part++) {
            List<String> share = new ArrayList<>();
            for (int i = part; i < texts.size(); i += embedders.length) {
                share.add(texts.get(i));
            }
            OnnxSentenceEmbedder embedder = embedders[part];
            parts.add(pool.submit(() -> embedder.embedAll(share)));
        }
        for (Future<List<float[]>> part : parts) {
            part.get();
        }
    }

    private static Dataset<Row> input(SparkSession spark, List<String> texts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(Integer.toString(i), texts.get(i)));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
                SCHEMA);
    }

    private static void noop(Dataset<Row> vectors) {
        vectors.write().format("noop").mode("overwrite").save();
    }

    /**
     * Movie-like texts through the real template: made-up titles and years, 1–4 genres, and for 40% of movies
     * (tags are sparse in MovieLens) 1–10 tags.
     */
    static List<String> syntheticMovieTexts(int count, long seed) {
        String[] words = {"Night", "Return", "City", "Last", "Love", "Dark", "Star", "Man", "Story", "War", "Girl",
                "House", "Dead", "King", "Blue", "River", "Summer", "Ghost", "Secret", "Little", "Lost", "Wild",
                "Island", "Dragon", "Murder", "Heaven", "Sister", "Train", "Paris", "Midnight", "Amélie", "Señor"};
        String[] genres = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary",
                "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi",
                "Thriller", "War", "Western"};
        String[] tags = {"atmospheric", "twist ending", "dark comedy", "visually appealing", "based on a book",
                "time travel", "funny", "thought-provoking", "classic", "great soundtrack", "Tom Hanks", "quirky",
                "nonlinear", "psychology", "dystopia", "space", "heist", "superhero", "satire", "surreal",
                "World War II", "coming of age", "BD-R", "In Netflix queue", "stylized", "zombies"};
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder title = new StringBuilder();
            int titleWords = 1 + random.nextInt(4);
            for (int w = 0; w < titleWords; w++) {
                title.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            if (random.nextInt(5) == 0) {
                title.append(", The");
            }
            title.append(" (").append(1930 + random.nextInt(90)).append(')');
            texts.add(MovieText.of(title.toString(), pick(random, genres, 1 + random.nextInt(4)),
                    random.nextInt(10) < 4 ? pick(random, tags, 1 + random.nextInt(10)) : List.of()));
        }
        return texts;
    }

    private static List<String> pick(Random random, String[] from, int count) {
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(from[random.nextInt(from.length)]);
        }
        return picked;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: [--texts FILE] [--count N] [--seed S] [--runs R]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
