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

    /**
     * The signal the served similar movies use: {@link #ROW_AND_LIKED}, the best of the five alone on validation.
     * ml-latest-small, random split seed 42, 535 validation users, tables fitted on the tuning part (hit rate@10 /
     * MRR@10 of the user's latest liked movie's list, {@link SimilarListMetrics}):
     * <pre>
     *   row_and_liked     0.1701 / 0.0638
     *   row               0.1495 / 0.0542
     *   liked             0.1495 / 0.0581
     *   symmetric         0.1439 / 0.0509
     *   liked_symmetric   0.1439 / 0.0531
     * </pre>
     * The row reads what a rater of q goes on to watch and the liked table what a fan of q goes on to like; their
     * sum beats either alone. Adding the column {@code W[·][q]} (the symmetric signals) did slightly worse; why was
     * not investigated. On test (593 users) the choice holds: row_and_liked 0.3238 / 0.1472 against row 0.3120 /
     * 0.1415.
     */
    public static final CollaborativeSignal CHOSEN = ROW_AND_LIKED;

    /** Whether the signal reads a table's incoming weights (which {@link CatalogueTable} then has to build). */
    boolean symmetric() {
        return this == SYMMETRIC || this == LIKED_SYMMETRIC;
    }

    /** Whether the signal reads the liked table. */
    boolean usesLiked() {
        return this == LIKED || this == LIKED_SYMMETRIC || this == ROW_AND_LIKED;
    }
}
