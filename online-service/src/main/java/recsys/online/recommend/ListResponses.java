package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** The HTTP answer of every listing endpoint: the items, and headers saying how they were ranked. */
public final class ListResponses {

    /** How the items were ranked: top-n, model, cosine or popularity ({@link RankingPath}), or a similar source. */
    public static final String RANKING_HEADER = "X-Recsys-Ranking";
    /** The model version the list was ranked with, when one was. */
    public static final String MODEL_HEADER = "X-Recsys-Model";

    private ListResponses() {
    }

    public static MutableHttpResponse<RecommendationsResponse> of(Recommendations recommendations) {
        return of(recommendations.items(), recommendations.path().label(), recommendations.modelVersion());
    }

    /**
     * @param ranking      the {@value #RANKING_HEADER} value
     * @param modelVersion the version ranked with, or null when none was
     */
    public static MutableHttpResponse<RecommendationsResponse> of(List<RecommendationsResponse.Item> items,
                                                                  String ranking, @Nullable String modelVersion) {
        var response = HttpResponse.ok(new RecommendationsResponse(items)).header(RANKING_HEADER, ranking);
        if (modelVersion != null) {
            response.header(MODEL_HEADER, modelVersion);
        }
        return response;
    }
}
