package recsys.online.recommend;

import recsys.core.index.UserFields;

/** Which ranking produced a user's list. */
public enum RankingPath {
    /**
     * A model version with a top-N ranking and at least one rating: core's {@code TopNModel} over the whole
     * catalogue (item-item, ALS, content and popularity sources, re-ranked), plus the movies the version does not
     * know by their content. Also the label of the lists the offline job stores in user documents, hence core's.
     */
    TOP_N(UserFields.StoredList.TOP_N_PATH),
    /**
     * A model version without a top-N ranking and enough ratings: kNN of the profile vector plus popular movies,
     * re-ranked by the model's blend.
     */
    MODEL("model"),
    /**
     * A few ratings and a model without top-N, or no model: kNN of each rated movie's vector, weighted by its
     * rating, summed.
     */
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
