package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * How {@code GET /recommendations} ranks, {@code recsys.recommendations.*} in {@code conf/application.yml}.
 *
 * @param defaultLimit      items returned when the request has no {@code limit}; default 10
 * @param maxLimit          the largest {@code limit} accepted; default 100
 * @param modelMinRatings   for model versions without a top-N ranking only: users with at least this many ratings
 *                          are ranked by the model, fewer (but at least one) get the cosine-similarity path; default
 *                          20. Irrelevant when the serving version has a top-N ranking: then every user with at least
 *                          one rating gets it (users with 1 to 19 ratings do better on top-N than on cosine)
 * @param knnCandidates     neighbours of the profile vector fetched: as candidates on the model path, and on the top-N
 *                          path to find the movies near the user that the version does not know (added after
 *                          training); default 300
 * @param popularCandidates popular movies added to the model's candidates, and the pool the popularity ranking
 *                          picks from; default 200
 * @param neighboursPerRatedMovie neighbours fetched per rated movie on the cosine path; default 50
 * @param popularityPool    most-rated movies the popularity ranking re-ranks (per genre); default 1000
 * @param popularityTtl     how long a popularity list and the catalogue statistics are reused; default 60 s
 * @param maxWindow         the deepest a client may page: {@code offset + limit} at most this; default 1000
 * @param explainedRatings  rated movies named per item in {@code because_you_rated}; default 3
 * @param concurrentRankings rankings computed at once (a ranking is CPU work over the catalogue); the others wait,
 *                          first come first served; 0, the default, means one per available processor
 */
@ConfigurationProperties("recsys.recommendations")
public record RecommendationConfiguration(
        @Bindable(defaultValue = "10") @Positive int defaultLimit,
        @Bindable(defaultValue = "100") @Positive @Max(10_000) int maxLimit,
        @Bindable(defaultValue = "20") @Min(1) int modelMinRatings,
        @Bindable(defaultValue = "300") @Positive @Max(10_000) int knnCandidates,
        @Bindable(defaultValue = "200") @Positive @Max(10_000) int popularCandidates,
        @Bindable(defaultValue = "50") @Positive @Max(10_000) int neighboursPerRatedMovie,
        @Bindable(defaultValue = "1000") @Positive @Max(10_000) int popularityPool,
        @Bindable(defaultValue = "60s") @NotNull Duration popularityTtl,
        @Bindable(defaultValue = "1000") @Positive @Max(10_000) int maxWindow,
        @Bindable(defaultValue = "3") @Positive @Max(100) int explainedRatings,
        @Bindable(defaultValue = "0") @Min(0) @Max(1024) int concurrentRankings) {
}
