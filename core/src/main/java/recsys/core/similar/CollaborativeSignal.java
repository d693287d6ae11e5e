package recsys.core.similar;

/**
 * Which entries of the version's item-item tables make a movie's collaborative neighbours. The tables are EASE
 * weight matrices (see {@link recsys.core.topn.TopNModel}): {@code W[q][j]} is how much having rated q adds to the
 * score of j, fitted on every rating ({@code itemItem}) or on the liked ratings only ({@code liked}, versions before
 * it fall back to {@code itemItem}). No entry means no evidence: every signal is a sum of positive stored weights.
 *
 * <p>The variants exist so the train job can compare them on validation; the service uses {@link #CHOSEN}.
 */
public enum CollaborativeSignal {
    /** {@code W[q][j]}: what a user who rated q is predicted to rate next. */
    ROW,
    /**
     * {@code W[q][j] + W[j][q]}: also the movies whose raters go on to q. With tables truncated per column, the
     * column {@code W[·][q]} holds q's strongest contributors, while the row holds only the movies q is among the
     * strongest contributors of, which for a niche q may be none.
     */
    SYMMETRIC,
    /** {@code L[q][j]} of the liked-only table: what someone who liked q is predicted to like. */
    LIKED,
    /** {@code L[q][j] + L[j][q]}. */
    LIKED_SYMMETRIC,
    /** {@code W[q][j] / max W[q][·] + L[q][j] / max L[q][·]}: both tables' rows, each over its own maximum. */
    ROW_AND_LIKED;

    /** The signal the served similar movies use; the choice and its validation figures are on {@link SimilarMovies}. */
    public static final CollaborativeSignal CHOSEN = ROW;

    /** Whether the signal reads a table's incoming weights (which {@link CatalogueTable} then has to build). */
    boolean symmetric() {
        return this == SYMMETRIC || this == LIKED_SYMMETRIC;
    }

    /** Whether the signal reads the liked table. */
    boolean usesLiked() {
        return this == LIKED || this == LIKED_SYMMETRIC || this == ROW_AND_LIKED;
    }
}
