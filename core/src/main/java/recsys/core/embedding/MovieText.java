package recsys.core.embedding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one text a movie is embedded from. The offline embedding job and the online service both call
 * {@link #of}, so a movie's stored vector and a vector computed for it at request time come from the same words.
 *
 * <p>The template is {@code "<title> (<year>). Genres: <g1>, <g2>. Tags: <t1>, <t2>."}, for example
 * {@code "Toy Story (1995). Genres: Adventure, Animation, Children. Tags: pixar, fun."}. Why this shape:
 * <ul>
 *   <li><b>Short natural sentences.</b> all-MiniLM-L6-v2 was trained on sentence pairs (questions, titles,
 *       captions, answers), not on key=value records. A title sentence followed by two labelled lists reads like
 *       a catalogue entry; the labels cost four tokens and tell the model what the list words are.</li>
 *   <li><b>The year stays.</b> It separates remakes that share a title ({@code Ocean's Eleven (1960)} and
 *       {@code (2001)}) and carries the era, which users' tastes do follow. MovieLens' trailing articles are moved
 *       to the front ({@code "American President, The (1995)"} becomes {@code "The American President (1995)"}),
 *       because that is how the title is written in the text the model learnt from.</li>
 *   <li><b>Order title, genres, tags; caps.</b> The model sees at most {@value OnnxSentenceEmbedder#MAX_TOKENS}
 *       WordPiece tokens (special tokens included) and the tokenizer cuts the rest, so the most reliable facts
 *       come first: the title, then genres (a closed vocabulary, always curated), then user tags, which are noisy.
 *       Mean pooling weighs every token alike, so a long tail of rare tags would drown the title: at most
 *       {@value #MAX_TAGS} tags (callers pass them most agreed-on first) of at most {@value #MAX_TAG_CHARS}
 *       characters each, and at most {@value #MAX_GENRES} genres. A typical MovieLens movie gives 15–50 tokens;
 *       only pathological inputs reach the limit, and then only the last tags are lost.</li>
 *   <li><b>Clean lists.</b> Blank entries and MovieLens' {@code (no genres listed)} placeholder are dropped,
 *       whitespace is collapsed, and duplicates (ignoring case) are kept once, so two equal movies give one text.
 *       Case is left alone: the tokenizer lower-cases anyway.</li>
 * </ul>
 */
public final class MovieText {

    /** At most this many tags, the first ones given (callers rank them most agreed-on first). */
    public static final int MAX_TAGS = 10;
    /** A longer tag (usually a sentence-long comment) is cut at the last word boundary within this many chars. */
    public static final int MAX_TAG_CHARS = 40;
    /** MovieLens lists at most ten genres per movie; the cap only guards the token budget. */
    public static final int MAX_GENRES = 10;

    private static final String NO_GENRES_LISTED = "(no genres listed)";
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    /**
     * {@code "Main Title, The (Original Title) (1995)"}: an English article after the first comma-separated part,
     * followed by nothing or by the parenthesised tail. Other languages' articles ({@code ", La"}, {@code ", Il"})
     * are left in place: their lists overlap with ordinary words and the model reads them either way.
     */
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.+?), (The|A|An)((?: \\(.*)?)$");

    private MovieText() {
    }

    /**
     * @param title  the movie title, year included as MovieLens writes it ({@code "Heat (1995)"}); not blank
     * @param genres genres in display order; {@code null} or empty when the movie has none
     * @param tags   user tags, most agreed-on first; {@code null} or empty when the movie has none
     * @return the text to embed, never blank
     */
    public static String of(String title, List<String> genres, List<String> tags) {
        Objects.requireNonNull(title, "title");
        String cleanTitle = frontArticle(collapse(title));
        if (cleanTitle.isEmpty()) {
            throw new IllegalArgumentException("title is blank");
        }
        StringBuilder text = new StringBuilder(cleanTitle);
        if (!endsSentence(cleanTitle)) {
            text.append('.');
        }
        appendList(text, "Genres", clean(genres, MAX_GENRES, Integer.MAX_VALUE));
        appendList(text, "Tags", clean(tags, MAX_TAGS, MAX_TAG_CHARS));
        return text.toString();
    }

    private static void appendList(StringBuilder text, String label, List<String> items) {
        if (!items.isEmpty()) {
            text.append(' ').append(label).append(": ").append(String.join(", ", items)).append('.');
        }
    }

    /** Trimmed, collapsed, placeholders and blanks dropped, first of each case-insensitive duplicate kept. */
    private static List<String> clean(List<String> items, int maxItems, int maxChars) {
        if (items == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (String item : items) {
            if (kept.size() == maxItems) {
                break;
            }
            if (item == null) {
                continue;
            }
            String clean = shorten(collapse(item), maxChars);
            if (clean.isEmpty() || clean.equals(NO_GENRES_LISTED)) {
                continue;
            }
            if (seen.add(clean.toLowerCase(Locale.ROOT))) {
                kept.add(clean);
            }
        }
        return kept;
    }

    private static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").trim();
    }

    /** Cut at the last space within {@code maxChars}, or hard at {@code maxChars} if the first word is longer. */
    private static String shorten(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int space = s.lastIndexOf(' ', maxChars);
        return (space > 0 ? s.substring(0, space) : s.substring(0, maxChars)).trim();
    }

    private static String frontArticle(String title) {
        Matcher m = TRAILING_ARTICLE.matcher(title);
        return m.matches() ? m.group(2) + " " + m.group(1) + m.group(3) : title;
    }

    private static boolean endsSentence(String s) {
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }
}
