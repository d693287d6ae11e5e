package recsys.online.recommend;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** The HTTP answer of every listing endpoint: the items, and headers saying how they were ranked. */
public final class ListResponses {

    /** How the items were ranked: top-n, model, cosine or popularity ({@link RankingPath}), or a similar source. */
    public static final String RANKING_HEADER = "X-Recsys-Ranking";
    /** The model version the list was ranked with, when one was. */
    public static final String MODEL_HEADER = "X-Recsys-Model";

    private ListResponses() {
    }

    public static MutableHttpResponse<RecommendationsResponse> of(Recommendations recommendations) {
        return of(recommendations, recommendations.path().label());
    }

    public static MutableHttpResponse<RecommendationsResponse> of(Recommendations recommendations, String ranking) {
        var response = HttpResponse.ok(new RecommendationsResponse(recommendations.items()))
                .header(RANKING_HEADER, ranking);
        if (recommendations.modelVersion() != null) {
            response.header(MODEL_HEADER, recommendations.modelVersion());
        }
        return response;
    }
}
