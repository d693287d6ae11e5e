package recsys.core.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * all-MiniLM-L6-v2 sentence embeddings with ONNX Runtime, computed exactly as sentence-transformers does:
 * WordPiece tokens (at most {@value #MAX_TOKENS}), the BERT encoder, mean pooling over the attention mask, L2
 * normalisation. Vectors have {@value #DIMENSION} dimensions and unit length, so cosine similarity is a dot product.
 *
 * <p>{@link #embedAll} runs texts in batches of {@link Settings#batchSize()}, each padded to its longest text.
 * With {@link Settings#sortByLength()} texts are first ordered by token count so a batch wastes little work on
 * padding (what sentence-transformers' {@code encode} does); results come back in the callers' order either way
 * and do not depend on batching beyond float rounding (&lt; 1e-5 per component).
 *
 * <p>Thread-safe: ONNX Runtime sessions allow concurrent {@code run} calls and the tokenizer is immutable. For
 * throughput on a few cores, prefer one embedder per thread with one intra-op thread each over one embedder with
 * several intra-op threads; a batch's tensor work parallelises worse than independent batches.
 */
public final class OnnxSentenceEmbedder implements AutoCloseable {

    public static final int DIMENSION = 384;
    /** The model's training length; the tokenizer truncates longer texts, {@code [CLS]}/{@code [SEP]} included. */
    public static final int MAX_TOKENS = 128;

    private static final String OUTPUT = "last_hidden_state";

    /**
     * @param intraOpThreads ONNX Runtime threads inside one batch; default 1, range 1–64
     * @param batchSize      texts per model call; default 32, range 1–1024 (32 is where gains flatten on CPU)
     * @param sortByLength   batch texts of similar token counts together; default true
     */
    public record Settings(int intraOpThreads, int batchSize, boolean sortByLength) {
        public static final Settings DEFAULT = new Settings(1, 32, true);

        public Settings {
            if (intraOpThreads < 1 || intraOpThreads > 64) {
                throw new IllegalArgumentException("intraOpThreads must be 1..64, was " + intraOpThreads);
            }
            if (batchSize < 1 || batchSize > 1024) {
                throw new IllegalArgumentException("batchSize must be 1..1024, was " + batchSize);
            }
        }

        public Settings withBatchSize(int size) {
            return new Settings(intraOpThreads, size, sortByLength);
        }

        public Settings withSortByLength(boolean sort) {
            return new Settings(intraOpThreads, batchSize, sort);
        }

        public Settings withIntraOpThreads(int threads) {
            return new Settings(threads, batchSize, sortByLength);
        }
    }

    private final Settings settings;
    private final MiniLmTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;

    private OnnxSentenceEmbedder(Settings settings, MiniLmTokenizer tokenizer, OrtEnvironment environment,
                                 OrtSession session) throws OrtException {
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.session = session;
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
        if (!session.getOutputNames().contains(OUTPUT)) {
            throw new IllegalStateException("model has no " + OUTPUT + " output: " + session.getOutputNames());
        }
    }

    /** Opens the model and tokenizer from materialised files ({@link MiniLmModelFiles#materialise}). */
    public static OnnxSentenceEmbedder open(MiniLmModelFiles files, Settings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        MiniLmTokenizer tokenizer = MiniLmTokenizer.open(files.tokenizerFile());
        OrtSession session = null;
        boolean opened = false;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            session = environment.createSession(files.modelFile().toString(), options);
            OnnxSentenceEmbedder embedder = new OnnxSentenceEmbedder(settings, tokenizer, environment, session);
            opened = true;
            return embedder;
        } catch (OrtException e) {
            throw new IOException("cannot open " + files.modelFile() + " with ONNX Runtime", e);
        } finally {
            if (!opened) {
                closeQuietly(session);
                tokenizer.close();
            }
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // already failing: the first error is the one to report
            }
        }
    }

    public Settings settings() {
        return settings;
    }

    /** WordPiece tokens the model sees for {@code text}, {@code [CLS]}/{@code [SEP]} included, at most 128. */
    public int tokenCount(String text) {
        return tokenizer.tokenCount(text);
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** One unit vector per text, in the order given. */
    public List<float[]> embedAll(List<String> texts) {
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
        }
        Integer[] order = IntStream.range(0, encodings.length).boxed().toArray(Integer[]::new);
        if (settings.sortByLength()) {
            Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length)); // stable
        }
        float[][] vectors = new float[encodings.length][];
        for (int from = 0; from < order.length; from += settings.batchSize()) {
            int to = Math.min(order.length, from + settings.batchSize());
            Encoding[] batch = new Encoding[to - from];
            for (int j = from; j < to; j++) {
                batch[j - from] = encodings[order[j]];
            }
            float[][] batchVectors = run(batch);
            for (int j = from; j < to; j++) {
                vectors[order[j]] = batchVectors[j - from];
            }
        }
        return Arrays.asList(vectors);
    }

    /** One model call: pad to the longest encoding, run, mean-pool over real tokens, normalise. */
    private float[][] run(Encoding[] batch) {
        int rows = batch.length;
        int width = 0;
        for (Encoding e : batch) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] rowIds = batch[r].getIds();
            System.arraycopy(rowIds, 0, ids, r * width, rowIds.length);
            System.arraycopy(batch[r].getAttentionMask(), 0, mask, r * width, rowIds.length);
            System.arraycopy(batch[r].getTypeIds(), 0, types, r * width, rowIds.length);
        }
        long[] shape = {rows, width};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs, Set.of(OUTPUT))) {
                OnnxValue hidden = result.get(OUTPUT).orElseThrow();
                return meanPoolAndNormalise(((OnnxTensor) hidden).getFloatBuffer(), mask, rows, width);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows + " texts", e);
        }
    }

    /** {@code hidden} is [rows, width, DIMENSION]; averages the rows' unmasked token vectors, then L2-normalises. */
    static float[][] meanPoolAndNormalise(FloatBuffer hidden, long[] mask, int rows, int width) {
        float[][] out = new float[rows][];
        double[] sum = new double[DIMENSION];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(sum, 0.0);
            int tokens = 0;
            for (int t = 0; t < width; t++) {
                if (mask[r * width + t] == 0) {
                    continue;
                }
                tokens++;
                int base = (r * width + t) * DIMENSION;
                for (int d = 0; d < DIMENSION; d++) {
                    sum[d] += hidden.get(base + d);
                }
            }
            double norm = 0.0;
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] /= Math.max(tokens, 1);
                norm += sum[d] * sum[d];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = (float) (sum[d] / norm);
            }
            out[r] = v;
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX Runtime session", e);
        } finally {
            tokenizer.close();
        }
    }
}
