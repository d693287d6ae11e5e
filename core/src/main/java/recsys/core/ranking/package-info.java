/**
 * The serving ranking: scoring candidates by a blend of the model's predicted rating, popularity and damped mean
 * rating ({@link recsys.core.ranking.RankingBlend}), picking a user's top k with exclusions and filters
 * ({@link recsys.core.ranking.Ranker}), and choosing the blend from validation NDCG
 * ({@link recsys.core.ranking.BlendSearch}).
 *
 * <p>The offline evaluation job and the online service both rank through {@link recsys.core.ranking.Ranker}, so
 * the reported ranking quality is that of what the service returns. Plain Java, no Spark or Micronaut; the
 * records are {@link java.io.Serializable} so a Spark job can ship a ranker to its executors.
 */
package recsys.core.ranking;
