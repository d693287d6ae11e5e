package recsys.offline.embedding;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.udf;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.embeddings.E5Embeddings;
import com.johnsnowlabs.util.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.embedding.BertPreTokenizedText;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.core.embedding.OnnxSentenceEmbedder;
import scala.Tuple2;

/**
 * Embeds texts with all-MiniLM-L6-v2 through Spark NLP, giving the same vectors as {@link OnnxSentenceEmbedder}
 * (cosine ≥ 0.9999; mean pooling, L2-normalised, {@value OnnxSentenceEmbedder#DIMENSION} dimensions).
 *
 * <p>The pipeline is {@code DocumentAssembler → E5Embeddings}: Spark NLP's E5 annotator runs a BERT encoder and
 * mean-pools over the attention mask, which is exactly sentence-transformers' recipe for this model.
 * {@code E5Embeddings.loadSavedModel} reads {@code model.onnx} and {@code assets/vocab.txt} on the driver
 * ({@link MiniLmModelFiles} writes them from the classpath, so nothing is downloaded); Spark NLP ships the model
 * file to executors itself ({@code SparkContext.addFile}, see below) and broadcasts the annotator with the
 * vocabulary, so the same code runs on {@code local[*]} and on a cluster as long as the model folder is readable
 * on the driver. Token lengths for the buckets are counted on the executors with the tokenizer read from the
 * classpath (the application jar carries it), not from the driver's folder.
 *
 * <p><b>Length buckets.</b> Spark NLP 5.5.3 batches {@code batchSize} consecutive rows of a partition, and its
 * {@code LinAlg.expandAttentionMask} uses the first row's attention mask for the whole batch: a row whose token
 * length differs from its batch's first row is pooled over the wrong tokens (cosine 0.977–0.987). Sorting inside a
 * partition does not help (batch boundaries ignore length groups), and {@code repartition(col)} hashes two lengths
 * into one partition. So rows are keyed by their WordPiece length (capped at 128, computed with the model's own
 * tokenizer on the executors) and {@code partitionBy} a {@link TokenLengthPartitioner} that gives every length its
 * own partition: every batch is then uniform and exact, and batches of 32 run ~1.6× faster than batches of 1. With
 * batch size 1 no bucketing is needed and the input's partitioning is kept.
 *
 * <p><b>Same words.</b> Spark NLP's own BERT tokenizer splits words differently from HuggingFace's on non-ASCII
 * punctuation, format characters, no-break spaces and some marks ({@code "WALL·E (2008)"} came out at cosine
 * 0.70). Texts are therefore handed to Spark NLP already normalised and split the HuggingFace way
 * ({@link BertPreTokenizedText}), which leaves HuggingFace's tokens unchanged and makes Spark NLP's agree.
 *
 * <p><b>ONNX threads.</b> Spark NLP creates its ONNX Runtime sessions with
 * {@value #ONNX_THREADS_KEY} intra-op threads, default 6, which on a 2-core machine is 3.4× slower than one
 * thread per task (Spark's task slots already use every core). Spark NLP's {@code ConfigLoader} reads the key
 * with {@code SparkSession.conf.get(key, default)} <em>once per JVM</em>, the first time any Spark NLP setting
 * is needed (lazy Scala {@code val}s in {@code ConfigLoader} and {@code ConfigHelper}; the session is the one
 * active then, and later sessions in the same JVM are not consulted); E5 reads it when the annotator's model is
 * built on the driver, and the resulting session options travel to executors inside the broadcast model, so the
 * driver's value is what counts. {@link #load} sets the key on the session when it is unset and logs a warning if
 * Spark NLP already froze another value in this JVM. Set it in the {@code SparkConf} (or {@code --conf}) to be sure.
 *
 * <p><b>Files.</b> {@code loadSavedModel} registers {@code model.onnx} itself with {@code SparkContext.addFile}
 * (executors fetch it from the driver's file server into their {@code SparkFiles} folder under
 * {@code spark.local.dir}, and the driver keeps a copy there too: 90 MB per node, removed when the context
 * stops), so the model folder must stay in place, unchanged, until the job ends. Each load also creates a folder {@code java.io.tmpdir/<12 hex>_onnx<digits>} that the unzipped-folder route
 * leaves empty (it is for zipped models); {@link #load} deletes the empty ones it created at once and {@link #close}
 * any others. Loading the same folder twice in one context makes Spark warn that the path was added already; the
 * file is the same, so that is harmless. Loading from two <em>different</em> folders in one context is not: on a
 * cluster Spark's file server refuses a second {@code model.onnx} from another path, so keep one model folder per
 * {@code SparkContext} ({@link #create} always uses the same one).
 */
public final class SparkNlpSentenceEmbedder implements AutoCloseable {

    public static final String ID = "movie_id";
    public static final String TEXT = "text";
    public static final String VECTOR = "vector";
    /** Spark NLP's setting for ONNX Runtime intra-op threads per session. */
    public static final String ONNX_THREADS_KEY = "spark.jsl.settings.onnx.intraOpNumThreads";
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final int DEFAULT_ONNX_THREADS = 1;

    /** {@link BertPreTokenizedText}: what Spark NLP's tokenizer must see to split words as HuggingFace does. */
    private static final UserDefinedFunction PRE_TOKENIZED = udf(
            (UDF1<String, String>) text -> text == null ? null : BertPreTokenizedText.of(text), DataTypes.StringType);
    private static final Logger LOG = LoggerFactory.getLogger(SparkNlpSentenceEmbedder.class);
    private static final String DOCUMENT = "document";
    private static final String EMBEDDINGS = "sentence_embeddings";
    private static final Pattern ONNX_TEMP_FOLDER = Pattern.compile("[0-9a-f]{12}_onnx[0-9]*");
    /** Serialises model loads in this JVM, so the temporary folders each load creates can be told apart. */
    private static final Object LOAD_LOCK = new Object();

    private final SparkSession spark;
    private final DocumentAssembler documents;
    private final E5Embeddings e5;
    private final int batchSize;
    private final List<Path> temporaryFolders;

    private SparkNlpSentenceEmbedder(SparkSession spark, DocumentAssembler documents, E5Embeddings e5, int batchSize,
                                     List<Path> temporaryFolders) {
        this.spark = spark;
        this.documents = documents;
        this.e5 = e5;
        this.batchSize = batchSize;
        this.temporaryFolders = temporaryFolders;
    }

    /** Loads the model materialised in {@link MiniLmModelFiles#defaultDirectory()} (a cache reused across runs). */
    public static SparkNlpSentenceEmbedder create(SparkSession spark, int batchSize) {
        try {
            return load(spark, MiniLmModelFiles.materialiseInTempDir(), batchSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MiniLM model files", e);
        }
    }

    /**
     * @param files     the model folder, readable on the driver
     * @param batchSize rows per ONNX call, 1–1024; 32 is the default and where CPU gains flatten
     */
    public static SparkNlpSentenceEmbedder load(SparkSession spark, MiniLmModelFiles files, int batchSize) {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batchSize must be 1..1024, was " + batchSize);
        }
        if (!spark.conf().contains(ONNX_THREADS_KEY)) {
            spark.conf().set(ONNX_THREADS_KEY, Integer.toString(DEFAULT_ONNX_THREADS));
        }
        SparkSession.setActiveSession(spark); // Spark NLP reads its settings from the active session
        E5Embeddings e5;
        List<Path> leftovers;
        synchronized (LOAD_LOCK) {
            Set<Path> before = onnxTempFolders();
            e5 = E5Embeddings.loadSavedModel(files.directory().toString(), spark, false);
            leftovers = new ArrayList<>();
            for (Path folder : onnxTempFolders()) {
                if (!before.contains(folder) && !deleteIfEmpty(folder)) {
                    leftovers.add(folder);
                }
            }
        }
        warnIfSparkNlpUsesOtherThreads(spark);
        e5.setInputCols(new String[] {DOCUMENT});
        e5.setOutputCol(EMBEDDINGS);
        e5.setDimension(OnnxSentenceEmbedder.DIMENSION);
        e5.setMaxSentenceLength(OnnxSentenceEmbedder.MAX_TOKENS);
        e5.setCaseSensitive(false); // an uncased model; the tokenizer lower-cases as the HuggingFace one does
        e5.setBatchSize(batchSize);
        DocumentAssembler documents = new DocumentAssembler();
        documents.setInputCol(TEXT);
        documents.setOutputCol(DOCUMENT);
        return new SparkNlpSentenceEmbedder(spark, documents, e5, batchSize, leftovers);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * @param input rows with {@value #ID} and {@value #TEXT} (strings; other columns are dropped). Texts should not
     *              be blank (or only control characters): Spark NLP makes no document for them, and their vector
     *              is null.
     * @return {@value #ID} and {@value #VECTOR} ({@code array<float>}, 384 values, unit length), one row per input
     *         row. With batch size above 1 the result has 129 partitions, one per token length, most of them small
     *         or empty: coalesce before writing files if that matters.
     */
    public Dataset<Row> embed(Dataset<Row> input) {
        Dataset<Row> texts = input.select(col(ID), PRE_TOKENIZED.apply(col(TEXT)).as(TEXT));
        Dataset<Row> batched = batchSize == 1 ? texts : bucketByTokenLength(spark, texts);
        Dataset<Row> embedded = e5.transform(documents.transform(batched));
        return embedded.select(col(ID), expr(EMBEDDINGS + "[0].embeddings").as(VECTOR));
    }

    /** Same rows, one partition per WordPiece token length (see the class comment). */
    static Dataset<Row> bucketByTokenLength(SparkSession spark, Dataset<Row> texts) {
        int textField = texts.schema().fieldIndex(TEXT);
        JavaRDD<Row> bucketed = texts.javaRDD()
                .mapToPair(row -> new Tuple2<>(TokenLengths.of(row.getString(textField)), row))
                .partitionBy(new TokenLengthPartitioner(OnnxSentenceEmbedder.MAX_TOKENS))
                .values();
        return spark.createDataFrame(bucketed, texts.schema());
    }

    /** Deletes what Spark NLP left in {@code java.io.tmpdir} for this load; call after the last action. */
    @Override
    public void close() {
        for (Path folder : temporaryFolders) {
            deleteRecursively(folder);
        }
        temporaryFolders.clear();
    }

    /** The folders OnnxWrapper.read makes with {@code Files.createTempDirectory(<12 hex> + "_onnx")}. */
    private static Set<Path> onnxTempFolders() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> ONNX_TEMP_FOLDER.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p)).collect(Collectors.toSet());
        } catch (IOException e) {
            LOG.warn("cannot list {} to find Spark NLP's temporary folders; they will not be cleaned up", tmp, e);
            return Set.of();
        }
    }

    private static boolean deleteIfEmpty(Path folder) {
        try {
            Files.delete(folder);
            return true;
        } catch (IOException e) {
            return false; // not empty: a zipped model was unpacked there, close() deletes it
        }
    }

    private static void warnIfSparkNlpUsesOtherThreads(SparkSession spark) {
        String wanted = spark.conf().get(ONNX_THREADS_KEY).trim();
        int used = ConfigLoader.getConfigIntValue(ONNX_THREADS_KEY); // what the E5 model was just built with
        if (!Integer.toString(used).equals(wanted)) {
            LOG.warn("Spark NLP read its settings earlier in this JVM and uses {}={}, not {}: set it in the SparkConf "
                    + "before the first Spark NLP call", ONNX_THREADS_KEY, used, wanted);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toCollection(ArrayList::new));
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete Spark NLP's temporary folder {}", root, e);
        }
    }
}
