package recsys.offline.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import recsys.core.embedding.MiniLmTokenizer;

/**
 * WordPiece token counts on executors, with one tokenizer per JVM read from the model jar on the classpath (the
 * model folder exists only on the driver). The tokenizer lives as long as the executor; it holds about 1 MB.
 */
final class TokenLengths {

    private static volatile MiniLmTokenizer tokenizer;

    private TokenLengths() {
    }

    /** Tokens the model sees for {@code text}, special tokens included, capped at 128; 0 for a null text. */
    static int of(String text) {
        return text == null ? 0 : tokenizer().tokenCount(text);
    }

    private static MiniLmTokenizer tokenizer() {
        MiniLmTokenizer t = tokenizer;
        if (t == null) {
            synchronized (TokenLengths.class) {
                t = tokenizer;
                if (t == null) {
                    try {
                        t = MiniLmTokenizer.fromClasspath();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the MiniLM tokenizer from the classpath", e);
                    }
                    tokenizer = t;
                }
            }
        }
        return t;
    }
}
