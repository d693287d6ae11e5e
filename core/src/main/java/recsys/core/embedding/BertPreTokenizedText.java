package recsys.core.embedding;

import java.text.Normalizer;

/**
 * A text rewritten as the HuggingFace BERT tokenizer of all-MiniLM-L6-v2 sees it before WordPiece: normalised
 * ({@code BertNormalizer}: control characters dropped, whitespace unified, CJK ideographs isolated, accents
 * stripped, lower-cased) and pre-tokenised ({@code BertPreTokenizer}: split at whitespace, every punctuation
 * character its own word), the words joined by single spaces.
 *
 * <p>The HuggingFace tokenizer gives the same token ids for the rewritten text as for the original, so the
 * rewrite changes nothing for {@link OnnxSentenceEmbedder}. It exists for tokenizers that disagree with
 * HuggingFace on the edges, above all Spark NLP 5.5.3's {@code BasicTokenizer}, which
 * <ul>
 *   <li>treats a character as punctuation only if its Unicode <em>name</em> contains "PUNCTUATION", so 531 BMP
 *       punctuation characters stay glued to their word ({@code WALL·E}, curly quotes, dashes, {@code …},
 *       {@code ¿}, {@code «»}, {@code 、。}), which turns the word into {@code [UNK]} (cosine 0.70 on
 *       {@code "WALL·E (2008)"});</li>
 *   <li>keeps format characters (soft hyphen, zero-width space) and does not split at no-break spaces;</li>
 *   <li>strips only the Combining Diacritical Marks block, not every non-spacing mark (Japanese dakuten);</li>
 *   <li>looks at UTF-16 units, so supplementary CJK ideographs and punctuation are not isolated;</li>
 *   <li>gives up on words over 200 characters instead of 100.</li>
 * </ul>
 * Fed the rewritten text, it finds the same words (they hold nothing it treats differently any more) and hence
 * the same WordPiece tokens as HuggingFace on the original.
 */
public final class BertPreTokenizedText {

    /** HuggingFace's WordPiece turns a longer word (in code points) into {@code [UNK]}. */
    static final int MAX_WORD_CHARS = 100;
    /** A word every WordPiece implementation here maps to one {@code [UNK]}: over 100 and over 200 chars. */
    static final String UNKNOWN_WORD = "x".repeat(201);

    private BertPreTokenizedText() {
    }

    public static String of(String text) {
        String normalised = lowerCase(stripAccents(clean(text)));
        StringBuilder out = new StringBuilder(normalised.length() + 16);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalised.length(); ) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, out);
            } else if (isPunctuation(cp)) {
                flush(word, out);
                word.appendCodePoint(cp);
                flush(word, out);
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, out);
        return out.toString();
    }

    private static void flush(StringBuilder word, StringBuilder out) {
        if (word.length() == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append(' ');
        }
        boolean tooLong = word.codePointCount(0, word.length()) > MAX_WORD_CHARS;
        out.append(tooLong ? UNKNOWN_WORD : word);
        word.setLength(0);
    }

    /** BertNormalizer's clean_text and handle_chinese_chars, in that order. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isWhitespace(cp)) {
                out.append(' ');
            } else if (isChineseIdeograph(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** NFD, then every non-spacing mark (category Mn) removed. */
    private static String stripAccents(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Character by character, as HuggingFace does: no context rules, so a final capital sigma becomes σ, not the
     * ς that {@link String#toLowerCase} would give.
     */
    private static String lowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x130) {
                out.append("i\u0307"); // the one unconditional multi-character lower-case mapping
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return out.toString();
    }

    /**
     * Tab, line feed and carriage return are whitespace; other control, format, private-use and surrogate
     * characters are dropped. HuggingFace also drops unassigned code points, but its Unicode tables are newer than
     * Java 17's (Unicode 13): it keeps, say, U+1FAE0 🫠 (Unicode 14), which Java calls unassigned. Characters new
     * since Unicode 13 are far likelier in text than code points that are unassigned everywhere, so unassigned
     * ones are kept.
     */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /** Unicode's White_Space property (Rust's {@code char::is_whitespace}), which Java's isWhitespace is not. */
    private static boolean isWhitespace(int cp) {
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** ASCII punctuation or any Unicode punctuation category (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** The CJK Unified Ideographs blocks BERT isolates (not Hiragana, Katakana or Hangul). */
    private static boolean isChineseIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
