package recsys.core.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * all-MiniLM-L6-v2's WordPiece tokenizer (DJL's binding of HuggingFace {@code tokenizers}), set up the way the
 * model was trained: {@code [CLS] … [SEP]}, lower-cased and accent-stripped by the tokenizer's own normaliser,
 * truncated to {@value OnnxSentenceEmbedder#MAX_TOKENS} tokens, no padding (the embedder pads each batch itself).
 *
 * <p>Nothing is downloaded: the tokenizer is read from a file or the classpath, and DJL's native library ships in
 * the {@code ai.djl.huggingface:tokenizers} jar, which DJL extracts once into its cache folder
 * ({@code DJL_CACHE_DIR}, system property or environment variable; default {@code ~/.djl.ai}, or
 * {@code java.io.tmpdir} when the home folder is not writable).
 *
 * <p>Encoding is safe from several threads: the native tokenizer is immutable once built.
 */
public final class MiniLmTokenizer implements AutoCloseable {

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "true",
            "truncation", "true",
            "maxLength", Integer.toString(OnnxSentenceEmbedder.MAX_TOKENS),
            // the JSON asks for fixed padding to 128; batches are padded to their longest text instead
            "padding", "false");

    private final HuggingFaceTokenizer tokenizer;

    private MiniLmTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** From a {@code tokenizer.json} file, e.g. {@link MiniLmModelFiles#tokenizerFile()}. */
    public static MiniLmTokenizer open(Path tokenizerJson) throws IOException {
        return new MiniLmTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS));
    }

    /** Straight from the model jar on the classpath: no files needed (Spark executors counting tokens). */
    public static MiniLmTokenizer fromClasspath() throws IOException {
        try (InputStream in = MiniLmModelFiles.openTokenizerResource()) {
            return new MiniLmTokenizer(HuggingFaceTokenizer.newInstance(in, OPTIONS));
        }
    }

    /**
     * The number of WordPiece tokens the model sees for {@code text}, {@code [CLS]} and {@code [SEP]} included,
     * at most {@value OnnxSentenceEmbedder#MAX_TOKENS}. The empty text counts 2.
     */
    public int tokenCount(String text) {
        return encode(text).getIds().length;
    }

    Encoding encode(String text) {
        Objects.requireNonNull(text, "text");
        return tokenizer.encode(text);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
