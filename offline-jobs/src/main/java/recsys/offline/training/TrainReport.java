package recsys.offline.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import recsys.core.model.ModelKind;
import recsys.core.ranking.RankingBlend;
import recsys.core.topn.RerankWeights;

/**
 * What a {@link TrainJob} run decided, all of it on the validation part.
 *
 * @param version                  the published model version, now CURRENT
 * @param run                      the ingest run trained on
 * @param split                    the split, as described in the manifest
 * @param seed                     the seed of the split, ALS and the forests
 * @param servingModel             the published model's name, a key of {@code validation}
 * @param validation               every model's validation errors (models fitted on the tuning part)
 * @param blend                    the ranking blend chosen for the serving model
 * @param blendNdcg                its validation NDCG@10
 * @param popularityByCountNdcg    popularity by count's validation NDCG@10, for comparison
 * @param topNWeights              the serving top-N re-ranker chosen on validation
 * @param topNValidationNdcg       validation NDCG@10 of each top-N model alone and of the serving re-ranker
 * @param location                 the version folder
 */
public record TrainReport(String version, String run, String split, long seed, String servingModel,
                          Map<String, RatingEvaluation> validation, RankingBlend blend, double blendNdcg,
                          double popularityByCountNdcg, RerankWeights topNWeights,
                          Map<String, Double> topNValidationNdcg, String location) {

    public TrainReport {
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        topNValidationNdcg = Collections.unmodifiableMap(new LinkedHashMap<>(topNValidationNdcg));
    }

    public String summaryLine() {
        RatingEvaluation serving = validation.get(servingModel);
        return String.format("trained version %s on run %s (%s, seed %d): serving %s, validation RMSE %.4f, MAE %.4f;"
                        + " rating-model blend %s, validation NDCG@10 %.4f (popularity by count %.4f); serving top-N"
                        + " re-ranker %s, validation NDCG@10 %.4f", version, run, split, seed, servingModel,
                serving.rmse(), serving.mae(), blend, blendNdcg, popularityByCountNdcg, topNWeights,
                topNValidationNdcg.getOrDefault(ModelKind.TOP_N_SERVING.reportName(), Double.NaN));
    }
}
