package recsys.offline.benchmarks;

import static org.apache.spark.sql.functions.col;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import recsys.core.topn.ItemFactors;
import recsys.core.topn.ItemNeighbours;
import recsys.offline.topn.Ease;
import recsys.offline.topn.ImplicitAls;
import recsys.offline.topn.ItemGram;
import recsys.offline.topn.ItemKnn;
import recsys.offline.topn.LapackInfo;
import recsys.offline.training.RatingColumns;

/**
 * Prints how long fitting each top-N model takes on a MovieLens {@code ratings.csv} (header
 * {@code userId,movieId,rating,timestamp}) and the driver's peak heap: the {@link ItemGram} (cold, then warm),
 * the EASE inverse and which LAPACK ran, the truncation to a neighbour table, item-kNN, and implicit ALS, with the
 * largest relative difference between core's fold-in and Spark's user factors. Nothing is written.
 *
 * <p>Usage: {@code TopNFitBenchmark RATINGS_CSV [--cap 20000] [--lambda 200] [--keep 200] [--neighbours 100]
 * [--rank 64] [--reg 0.01] [--alpha 10] [--iterations 10] [--seed 42] [--master local[2]] [--java-lapack]
 * [--compare-gram]}. {@code --java-lapack} also times the inverse with the pure-Java LAPACK (minutes at n ≈ 9.7k);
 * {@code --compare-gram} also times the Gram matrix by {@code RowMatrix.computeGramianMatrix} and by a self-join
 * with {@code groupBy(i, j).count()}, and checks they agree. Run with a heap of a few GB ({@code -Xmx6g}): the
 * Gram matrix, the EASE weights and the similarities are n² doubles each.
 */
public final class TopNFitBenchmark {

    private TopNFitBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: TopNFitBenchmark RATINGS_CSV [--option value ...]");
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        HeapSampler heap = HeapSampler.start();
        SparkSession spark = SparkSession.builder()
                .master(options.getOrDefault("master", "local[2]"))
                .appName("TopNFitBenchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        org.apache.logging.log4j.core.config.Configurator.setLevel(ItemGram.class.getPackageName(),
                org.apache.logging.log4j.Level.INFO);
        try {
            run(spark, args[0], options, heap);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, String path, Map<String, String> options, HeapSampler heap) {
        int cap = Integer.parseInt(options.getOrDefault("cap", "20000"));
        double lambda = Double.parseDouble(options.getOrDefault("lambda", "200"));
        int keep = Integer.parseInt(options.getOrDefault("keep", "200"));
        int neighbours = Integer.parseInt(options.getOrDefault("neighbours", "100"));
        int rank = Integer.parseInt(options.getOrDefault("rank", "64"));
        double reg = Double.parseDouble(options.getOrDefault("reg", "0.01"));
        double alpha = Double.parseDouble(options.getOrDefault("alpha", "10"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "10"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        System.out.printf("java %s, %d cores, max heap %,d MB, master %s, parallelism %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, spark.sparkContext().master(),
                spark.sparkContext().defaultParallelism());

        long start = System.nanoTime();
        Dataset<Row> ratings = spark.read().option("header", "true").csv(path)
                .select(col("userId").as(RatingColumns.USER), col("movieId").as(RatingColumns.MOVIE))
                .persist(StorageLevel.MEMORY_ONLY());
        long rows = ratings.count();
        System.out.printf("ratings: %s, %,d rows, read in %.1f s%n", path, rows, seconds(start));

        start = System.nanoTime();
        ItemGram gram = ItemGram.compute(ratings, cap);
        System.out.printf("ItemGram cold (first Spark jobs of the JVM): n = %,d, %.1f s%n", gram.size(),
                seconds(start));
        start = System.nanoTime();
        gram = ItemGram.compute(ratings, cap);
        System.out.printf("ItemGram warm: n = %,d (cap %,d), %.1f s; n² doubles = %,d MB%n", gram.size(), cap,
                seconds(start), 8L * gram.size() * gram.size() >> 20);
        if (options.containsKey("compare-gram")) {
            compareGram(spark, ratings, gram);
        }

        System.out.printf("LAPACK.getInstance(): %s%n", LapackInfo.describe());
        start = System.nanoTime();
        double[] weights = Ease.weights(gram, lambda);
        System.out.printf("EASE weights (dpotrf + dpotri + scaling), lambda %.0f, n = %,d: %.1f s%n", lambda,
                gram.size(), seconds(start));
        start = System.nanoTime();
        ItemNeighbours ease = ItemNeighbours.truncate(gram.ids(), weights, keep);
        System.out.printf("EASE truncated to %d per row: %,d entries, %.1f s%n", keep, ease.entries(),
                seconds(start));
        if (options.containsKey("java-lapack")) {
            start = System.nanoTime();
            double[] javaWeights = Ease.weights(gram, lambda, JavaLAPACK.getInstance());
            double seconds = seconds(start);
            double max = 0;
            for (int e = 0; e < weights.length; e++) {
                max = Math.max(max, Math.abs(javaWeights[e] - weights[e]));
            }
            System.out.printf("EASE weights with %s: %.1f s, largest difference to the default %.2g%n",
                    LapackInfo.describe(JavaLAPACK.getInstance()), seconds, max);
        }
        weights = null;

        start = System.nanoTime();
        ItemNeighbours knn = ItemKnn.fit(gram, neighbours);
        System.out.printf("ItemKnn, %d neighbours: %,d entries, %.1f s%n", neighbours, knn.entries(),
                seconds(start));
        gram = null;

        start = System.nanoTime();
        ImplicitAls.Fitted als = ImplicitAls.fit(ratings, rank, reg, alpha, iterations, seed);
        System.out.printf("implicit ALS rank %d, regParam %s, alpha %s, maxIter %d, seed %d: %,d items, %,d users, "
                        + "%.1f s%n", rank, reg, alpha, iterations, seed, als.items().ids().size(),
                als.userFactors().size(), seconds(start));
        start = System.nanoTime();
        System.out.printf("fold-in of every training user vs Spark's user factors: largest relative difference "
                + "%.2g, %.1f s%n", foldInDifference(ratings, als), seconds(start));

        System.gc();
        System.out.printf("driver heap: peak used %,d MB (sampled every 5 ms), max %,d MB%n", heap.peak() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double foldInDifference(Dataset<Row> ratings, ImplicitAls.Fitted als) {
        ItemFactors items = als.items();
        Map<String, List<String>> histories = new HashMap<>();
        for (Row row : ratings.distinct().collectAsList()) {
            histories.computeIfAbsent(row.getString(0), u -> new java.util.ArrayList<>()).add(row.getString(1));
        }
        double worst = 0;
        for (Map.Entry<String, List<String>> user : histories.entrySet()) {
            double[] folded = items.foldIn(user.getValue().stream().mapToInt(items::indexOf).sorted().toArray());
            float[] spark = als.userFactors().get(user.getKey());
            double difference = 0;
            double norm = 0;
            for (int d = 0; d < spark.length; d++) {
                difference += (folded[d] - spark[d]) * (folded[d] - spark[d]);
                norm += (double) spark[d] * spark[d];
            }
            worst = Math.max(worst, Math.sqrt(difference / norm));
        }
        return worst;
    }

    /** Times the two other ways to count co-occurrences in Spark and checks they give the same matrix. */
    private static void compareGram(SparkSession spark, Dataset<Row> ratings, ItemGram expected) {
        int n = expected.size();
        Dataset<Row> pairs = ratings.select(RatingColumns.USER, RatingColumns.MOVIE);
        long start = System.nanoTime();
        JavaRDD<int[]> histories = ItemGram.histories(pairs, expected.ids());
        JavaRDD<Vector> vectors = histories.map(h -> {
            double[] ones = new double[h.length];
            Arrays.fill(ones, 1);
            return Vectors.sparse(n, h, ones);
        });
        Matrix gramian = new RowMatrix(vectors.rdd()).computeGramianMatrix();
        double[] byRowMatrix = gramian.toArray();
        System.out.printf("  alternative RowMatrix.computeGramianMatrix (sparse rows): %.1f s, same matrix: %s%n",
                seconds(start), Arrays.equals(byRowMatrix, expected.gram()));
        byRowMatrix = null;

        start = System.nanoTime();
        Map<String, Integer> index = expected.indexById();
        List<Row> indexRows = new java.util.ArrayList<>();
        index.forEach((id, i) -> indexRows.add(org.apache.spark.sql.RowFactory.create(id, i)));
        Dataset<Row> indexed = pairs.join(org.apache.spark.sql.functions.broadcast(spark.createDataFrame(indexRows,
                new org.apache.spark.sql.types.StructType().add(RatingColumns.MOVIE, "string")
                        .add("i", "int"))), RatingColumns.MOVIE).select(RatingColumns.USER, "i");
        Dataset<Row> right = indexed.withColumnRenamed("i", "j");
        List<Row> counts = indexed.join(right, RatingColumns.USER).where(col("i").leq(col("j")))
                .groupBy("i", "j").count().collectAsList();
        double[] bySelfJoin = new double[n * n];
        for (Row row : counts) {
            int i = row.getInt(0);
            int j = row.getInt(1);
            bySelfJoin[i * n + j] = row.getLong(2);
            bySelfJoin[j * n + i] = row.getLong(2);
        }
        System.out.printf("  alternative self-join + groupBy(i, j).count(): %,d nonzero upper cells, %.1f s, "
                + "same matrix: %s%n", counts.size(), seconds(start), Arrays.equals(bySelfJoin, expected.gram()));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int a = 0; a < args.length; a++) {
            if (!args[a].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[a]);
            }
            String name = args[a].substring(2);
            boolean flag = name.equals("java-lapack") || name.equals("compare-gram");
            if (!flag && a + 1 >= args.length) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            options.put(name, flag ? "true" : args[++a]);
        }
        return options;
    }

    /** The largest heap use seen by a daemon thread polling every 5 ms (a sampled lower bound of the true peak). */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Thread thread = new Thread(() -> {
                while (true) {
                    sampler.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
            return sampler;
        }

        long peak() {
            return peak.get();
        }
    }
}
