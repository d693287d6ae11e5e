package recsys.online.recommend;

/** Which of the three rankings produced a user's list. */
public enum RankingPath {
    /** Enough ratings and a model: kNN of the profile vector plus popular movies, re-ranked by the model's blend. */
    MODEL("model"),
    /** A few ratings (or no model): kNN of each rated movie's vector, weighted by its rating, summed. */
    COSINE("cosine"),
    /** No history: damped mean and rating count. */
    POPULARITY("popularity");

    private final String label;

    RankingPath(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RankingPath fromLabel(String label) {
        for (RankingPath path : values()) {
            if (path.label.equals(label)) {
                return path;
            }
        }
        throw new IllegalArgumentException("unknown ranking path " + label);
    }
}
