/**
 * Offline evaluation metrics: rating error (RMSE, MAE), top-k ranking quality (NDCG, precision, recall, average
 * precision) and catalogue coverage.
 *
 * <p>Everything here is plain Java so the Spark evaluation job and unit tests share one definition of each
 * metric. Per-user values are records; everything aggregated over users is an accumulator that is
 * {@link java.io.Serializable} and has a {@code merge} method, so a Spark job can build one per partition
 * ({@code aggregate(zero, seqOp, combOp)}) and merge them on the driver. The {@code add} and {@code merge}
 * methods mutate and return {@code this}, which is what Spark's {@code aggregate} allows and expects.
 *
 * <h2>The evaluation protocol these metrics assume</h2>
 * <ul>
 *   <li>Ratings are split into train and test per user. The candidates a recommender ranks for a user are all
 *       movies the user did not rate in train; the job builds that list, the metrics only see its top.</li>
 *   <li>A test item is <em>relevant</em> when its test rating is at least {@link recsys.core.evaluation.Relevance#DEFAULT_THRESHOLD}
 *       (4.0 stars); the threshold is a parameter of {@link recsys.core.evaluation.Relevance}.</li>
 *   <li>Users with no relevant test item are skipped by the ranking metrics (every metric would be 0/0 or
 *       constant for them); the accumulators count both evaluated and skipped users so the report can show
 *       them.</li>
 * </ul>
 * The exact formulas, and the libraries whose conventions they follow, are in {@link recsys.core.evaluation.RankingMetrics}.
 */
package recsys.core.evaluation;
