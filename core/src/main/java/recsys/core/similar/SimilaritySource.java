package recsys.core.similar;

import java.util.Locale;
import java.util.Optional;

/**
 * Which evidence a similar-movies list is ranked by. The label is the one spelling the HTTP API, the evaluation
 * report and the manifest share.
 */
public enum SimilaritySource {
    /** "People who watched this also watched": the version's item-item table ({@link CollaborativeSignal}). */
    COLLABORATIVE("collaborative"),
    /** "Movies described like this one": cosine between the movies' text embeddings. */
    CONTENT("content"),
    /** Both, each over its own maximum for the query, weighted by {@link SimilarityBlend}. */
    BLEND("blend");

    private final String label;

    SimilaritySource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The source spelled {@code label}, ignoring case and surrounding blanks; empty for null or anything else. */
    public static Optional<SimilaritySource> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (SimilaritySource source : values()) {
            if (source.label.equals(wanted)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
