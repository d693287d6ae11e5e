package recsys.core.similar;

import java.io.Serializable;
import java.util.Map;

/**
 * How the {@link SimilaritySource#BLEND} list weighs its two parts: the collaborative score gets
 * {@code collaborative}, the content score {@code 1 - collaborative}, each divided first by its maximum over the
 * catalogue for the query (as the top-N re-ranker normalises its features), so the weight means the same for a
 * blockbuster whose item-item weights are large and a niche movie whose weights are small.
 *
 * <p>Chosen by the train job on the validation split (a grid of 0, 0.1, … 1, by the hit rate of held-out liked
 * movies in the top 10 of the user's latest liked movie) and written into the version's manifest under
 * {@link #PARAMETER}.
 *
 * @param collaborative weight of the collaborative part, finite, in [0, 1]
 */
public record SimilarityBlend(double collaborative) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Manifest parameter key of the collaborative weight. */
    public static final String PARAMETER = "similar.collaborative";

    /**
     * For versions trained before the blend was chosen: 0.7. On ml-latest-small's validation (535 users, hit
     * rate@10) it is within 0.004, two users, of the best weight with either collaborative signal such a version
     * can have: 0.1664 against 0.1701 (at 1.0) with the liked table ({@link CollaborativeSignal#ROW_AND_LIKED}),
     * 0.1626 against 0.1682 (at 0.6) without it ({@link CollaborativeSignal#ROW}), while an even mix loses more
     * (0.1533 and 0.1551). Below 0.5 the figure falls fast (0.0393 at 0, content alone), above 0.7 it is flat; 0.7
     * rather than 1 keeps content neighbours in the lists, which the grid cannot tell apart from the pure
     * collaborative list within its noise.
     */
    public static final SimilarityBlend DEFAULT = new SimilarityBlend(0.7);

    public SimilarityBlend {
        if (!Double.isFinite(collaborative) || collaborative < 0 || collaborative > 1) {
            throw new IllegalArgumentException("the collaborative weight must lie in [0, 1], got " + collaborative);
        }
    }

    /** The weight of the content part: {@code 1 - collaborative}. */
    public double content() {
        return 1 - collaborative;
    }

    /** For the manifest's flat parameter map. */
    public Map<String, String> toParameters() {
        return Map.of(PARAMETER, Double.toString(collaborative));
    }

    /**
     * Reads what {@link #toParameters} wrote; {@link #DEFAULT} when the version has no such parameter.
     *
     * @throws IllegalArgumentException if the parameter is there but is not a number in [0, 1]
     */
    public static SimilarityBlend fromParameters(Map<String, String> manifestParameters) {
        String value = manifestParameters.get(PARAMETER);
        if (value == null) {
            return DEFAULT;
        }
        try {
            return new SimilarityBlend(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + PARAMETER + " is not a number: '" + value + "'", e);
        }
    }
}
