/**
 * Top-k evaluation of rating models through core's {@link recsys.core.ranking.Ranker}, the ranking the online
 * service runs: {@link recsys.offline.ranking.CandidateScorer}s predict a user's ratings of every candidate,
 * {@link recsys.offline.ranking.CatalogueRanking} ranks them per user, and
 * {@link recsys.offline.ranking.TopKEvaluator} does that for every user in Spark and pools the metrics.
 */
package recsys.offline.ranking;
