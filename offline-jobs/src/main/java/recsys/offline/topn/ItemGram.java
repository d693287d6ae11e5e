package recsys.offline.topn;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.USER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The Gram matrix {@code G = XᵀX} of the binary user × movie matrix X (1 where the user rated the movie), restricted
 * to the {@code cap} most-rated movies: {@code G_ij} is the number of users who rated both i and j, the diagonal the
 * number of raters. EASE and item-kNN both start from it.
 *
 * <p>Where the work runs. {@link #compute} runs two Spark jobs and keeps the driver to O(n) until the result:
 * (1) ratings per movie and the {@code cap} most rated, by count descending then movie id ascending (Spark's string
 * order); only those ≤ cap ids reach the driver. (2, the second job) Each user's history as the sorted set of chosen-movie indices
 * ({@code groupBy(user)}, after a broadcast join with the chosen ids). (3) The co-occurrence counting, which is the
 * heavy part, {@code Σ_u n_u²/2} increments (30 million on ml-latest-small): the upper triangle of G is cut into
 * row blocks of at most {@value #BLOCK_CELLS} cells; every history is shuffled to the blocks holding one of its
 * movies and each task counts one block into a dense int accumulator, {@code rows × (n − firstRow)} ints (≤ 32 MB).
 * Blocks are disjoint, so nothing is merged: each task returns its block rows as counts (sparse when under half
 * full), which the driver copies into the dense matrix and mirrors.
 *
 * <p>Memory. The driver holds the result, n² doubles: 760 MB at n = 9,742 (all of ml-latest-small), 31 GB at the
 * 62k movies of ml-latest, which is why the caller caps n; EASE needs a second n² array for the inverse. The task
 * results in flight are at most n²/2 + n ints (≤ 190 MB at 9.7k, under Spark's default {@code
 * spark.driver.maxResultSize} of 1 GB), 95 MB on ml-latest-small. The executors need one block
 * accumulator per running task and the histories (one int per rating, times the blocks they touch).
 *
 * <p>Why blocks: measured with {@link recsys.offline.benchmarks.TopNFitBenchmark} on ml-latest-small ({@code local[2]}, n = 9,724, the movies
 * that have ratings; two runs each, the VM is noisy), this takes 5.3–8.3 s once Spark is warm (10.6–12.0 s as the
 * JVM's first Spark jobs; about 2 s choosing the movies, 2–4 s counting, 1.5 s decoding and mirroring on the driver);
 * {@code RowMatrix.computeGramianMatrix} over sparse rows 15.2–15.7 s (every task and the tree aggregation carry a
 * dense packed n(n+1)/2 array, 378 MB, and the result is copied again into a dense matrix); a self-join with
 * {@code groupBy(i, j).count()} over the 61 million co-rated pairs, then 13 million rows to the driver, 32–49 s.
 *
 * @param ids  the movies, ascending (Java string order)
 * @param gram row-major n × n, {@code gram[i * n + j]} = users who rated both i and j
 */
public record ItemGram(List<String> ids, double[] gram) {

    /** Cells of one block accumulator: 8 Mi ints, 32 MB per running task. */
    static final int BLOCK_CELLS = 1 << 23;

    private static final Logger LOG = LoggerFactory.getLogger(ItemGram.class);

    private static final String INDEX = "_movie_index";
    private static final String RATERS = "_raters";
    private static final String HISTORY = "_history";

    public ItemGram {
        ids = List.copyOf(ids);
        if ((long) ids.size() * ids.size() != gram.length) {
            throw new IllegalArgumentException(ids.size() + " movies need a " + ids.size() + "² Gram matrix, got "
                    + gram.length + " values");
        }
    }

    /** The number of movies, n. */
    public int size() {
        return ids.size();
    }

    /** {@code G_ij}: users who rated both movies i and j. */
    public double get(int i, int j) {
        return gram[i * ids.size() + j];
    }

    /**
     * @param ratings string columns {@code user_id} and {@code movie_id}, one row per (user, movie) (duplicates are
     *                counted once); other columns are ignored
     * @param cap     at most this many movies, the most rated; at least 1 and at most 46,340 (n² must index an array)
     */
    public static ItemGram compute(Dataset<Row> ratings, int cap) {
        if (cap < 1 || cap > 46_340) {
            throw new IllegalArgumentException("cap must be in [1, 46340], got " + cap);
        }
        Dataset<Row> pairs = ratings.select(col(USER), col(MOVIE))
                .where(col(USER).isNotNull().and(col(MOVIE).isNotNull()));
        long start = System.nanoTime();
        List<String> ids = mostRated(pairs, cap);
        long chosen = System.nanoTime();
        int n = ids.size();
        if (n == 0) {
            return new ItemGram(List.of(), new double[0]);
        }
        SparkSession spark = ratings.sparkSession();
        JavaRDD<int[]> histories = histories(pairs, ids);
        int parallelism = spark.sparkContext().defaultParallelism();
        int[] firstRows = blockStarts(n, parallelism);
        Broadcast<int[]> starts = spark.sparkContext().broadcast(firstRows,
                scala.reflect.ClassTag$.MODULE$.apply(int[].class));
        JavaPairRDD<Integer, int[]> byBlock = histories.flatMapToPair(history -> {
            List<Tuple2<Integer, int[]>> out = new ArrayList<>();
            int[] blockStart = starts.value();
            int last = -1;
            for (int i : history) {
                int block = blockOf(blockStart, i);
                if (block != last) {
                    out.add(new Tuple2<>(block, history));
                    last = block;
                }
            }
            return out.iterator();
        }).partitionBy(new HashPartitioner(firstRows.length));
        List<Tuple2<Integer, int[]>> blocks = byBlock.mapPartitionsWithIndex(
                (block, rows) -> countBlock(block, starts.value(), n, rows), true).collect();
        long counted = System.nanoTime();
        double[] gram = new double[n * n];
        long encoded = 0;
        for (Tuple2<Integer, int[]> block : blocks) {
            decode(firstRows[block._1()], block._2(), n, gram);
            encoded += block._2().length;
        }
        long decoded = System.nanoTime();
        starts.destroy();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                gram[j * n + i] = gram[i * n + j];
            }
        }
        LOG.info(String.format("Gram matrix of %d movies: chosen in %.1f s, counted in %d blocks in %.1f s (task "
                        + "results %,d MB), decoded in %.1f s, mirrored in %.1f s", n, (chosen - start) / 1e9,
                firstRows.length, (counted - chosen) / 1e9, encoded * 4 / 1_000_000, (decoded - counted) / 1e9,
                (System.nanoTime() - decoded) / 1e9));
        return new ItemGram(ids, gram);
    }

    /** Each user's rated movies among {@code ids} as sorted row indices (users with none are absent). */
    public static JavaRDD<int[]> histories(Dataset<Row> pairs, List<String> ids) {
        List<Row> indexRows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            indexRows.add(RowFactory.create(ids.get(i), i));
        }
        Dataset<Row> index = pairs.sparkSession().createDataFrame(indexRows, new StructType()
                .add(MOVIE, "string", false).add(INDEX, "int", false));
        return pairs.join(broadcast(index), MOVIE)
                .groupBy(col(USER))
                .agg(collect_set(col(INDEX)).as(HISTORY))
                .javaRDD()
                .map(row -> {
                    List<Integer> movies = row.getList(row.fieldIndex(HISTORY));
                    int[] history = new int[movies.size()];
                    for (int e = 0; e < history.length; e++) {
                        history[e] = movies.get(e);
                    }
                    Arrays.sort(history);
                    return history;
                });
    }

    /** The ids of the {@code cap} most-rated movies (count descending, id ascending), sorted ascending. */
    static List<String> mostRated(Dataset<Row> pairs, int cap) {
        List<Row> chosen = pairs.distinct()
                .groupBy(col(MOVIE))
                .agg(count(lit(1)).as(RATERS))
                .orderBy(col(RATERS).desc(), col(MOVIE).asc())
                .limit(cap)
                .collectAsList();
        List<String> ids = new ArrayList<>(chosen.size());
        for (Row row : chosen) {
            ids.add(row.getString(0));
        }
        ids.sort(null);
        return ids;
    }

    /**
     * First row of each block: at least {@code 2 × parallelism} blocks for balance (rows near the top of the upper
     * triangle hold more cells) and no block over {@link #BLOCK_CELLS} cells.
     */
    static int[] blockStarts(int n, int parallelism) {
        List<Integer> starts = new ArrayList<>();
        int maxRows = Math.max(1, (n + 2 * parallelism - 1) / (2 * parallelism));
        int row = 0;
        while (row < n) {
            starts.add(row);
            int width = n - row;
            int rows = (int) Math.max(1, Math.min(maxRows, BLOCK_CELLS / width));
            row += rows;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int blockOf(int[] starts, int row) {
        int found = Arrays.binarySearch(starts, row);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * Counts the upper-triangle cells {@code (i, j), j ≥ i} of rows {@code [first, end)} over the given histories and
     * encodes them, row after row: {@code m} then m pairs (column, count) when fewer than half the row's cells are
     * nonzero, else {@code -1} then every count of the row from column i on.
     */
    private static Iterator<Tuple2<Integer, int[]>> countBlock(int block, int[] starts, int n,
                                                               Iterator<Tuple2<Integer, int[]>> histories) {
        if (!histories.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        int first = starts[block];
        int end = block + 1 < starts.length ? starts[block + 1] : n;
        int width = n - first;
        int[] counts = new int[(end - first) * width];
        while (histories.hasNext()) {
            int[] history = histories.next()._2();
            int from = Arrays.binarySearch(history, first);
            from = from >= 0 ? from : -from - 1;
            for (int a = from; a < history.length && history[a] < end; a++) {
                int offset = (history[a] - first) * width - first;
                for (int b = a; b < history.length; b++) {
                    counts[offset + history[b]]++;
                }
            }
        }
        IntBuffer out = new IntBuffer(1024);
        for (int i = first; i < end; i++) {
            int offset = (i - first) * width - first;
            int nonzero = 0;
            for (int j = i; j < n; j++) {
                nonzero += counts[offset + j] != 0 ? 1 : 0;
            }
            if (2 * nonzero < n - i) {
                out.add(nonzero);
                for (int j = i; j < n; j++) {
                    if (counts[offset + j] != 0) {
                        out.add(j);
                        out.add(counts[offset + j]);
                    }
                }
            } else {
                out.add(-1);
                for (int j = i; j < n; j++) {
                    out.add(counts[offset + j]);
                }
            }
        }
        return List.of(new Tuple2<>(block, out.toArray())).iterator();
    }

    /** Copies an encoded block starting at row {@code first} into the upper triangle of {@code gram}. */
    private static void decode(int first, int[] encoded, int n, double[] gram) {
        int at = 0;
        for (int i = first; at < encoded.length; i++) {
            int m = encoded[at++];
            if (m < 0) {
                for (int j = i; j < n; j++) {
                    gram[i * n + j] = encoded[at++];
                }
            } else {
                for (int e = 0; e < m; e++) {
                    int j = encoded[at++];
                    gram[i * n + j] = encoded[at++];
                }
            }
        }
    }

    /** A growable int array; boxed lists would cost 4–5× the memory of a block's encoding. */
    private static final class IntBuffer {
        private int[] values;
        private int size;

        IntBuffer(int capacity) {
            values = new int[capacity];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size)));
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Movie id → row, for callers that map histories onto this matrix. */
    public Map<String, Integer> indexById() {
        Map<String, Integer> index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        return index;
    }
}
