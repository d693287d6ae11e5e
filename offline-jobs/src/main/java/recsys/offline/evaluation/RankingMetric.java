package recsys.offline.evaluation;

/** The top-k quantities the report tracks, with their key in report.json and their label in charts. */
public enum RankingMetric {
    NDCG("ndcg", "NDCG"),
    PRECISION("precision", "Precision"),
    RECALL("recall", "Recall"),
    MAP("map", "MAP"),
    COVERAGE("coverage", "Coverage");

    /** The report's cut-off for the headline numbers. */
    public static final int HEADLINE_K = 10;

    private final String key;
    private final String label;

    RankingMetric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key in report.json, e.g. {@code ndcg}; at a cut-off, {@link #keyAt}. */
    public String key() {
        return key;
    }

    /** {@code ndcg@10} and the like. */
    public String keyAt(int k) {
        return key + "@" + k;
    }

    public String label() {
        return label;
    }
}
