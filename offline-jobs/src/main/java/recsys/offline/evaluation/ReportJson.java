package recsys.offline.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import recsys.offline.similar.SimilarMoviesResults;

/**
 * The machine-readable form of a report: {@code report.json}, and the {@code metrics} part of the summary in the
 * {@code models} index. Keys are written out one by one, not derived from the record's component names, so a
 * rename in Java cannot silently change the file format.
 *
 * <pre>{@code
 * {"split": "...", "seed": 42, "serving_model": "...", "version": "...", "created_at": "2024-...Z",
 *  "data_fingerprint": "...", "baselines": "..." | null,
 *  "models": {"<name>": {"rmse": 0.0, "mae": 0.0, "ndcg@10": 0.0 | null, "precision@10": ..., "recall@10": ...,
 *                        "map@10": ..., "coverage@10": ..., "fallback_rows": 0, "test_rows": 0,
 *                        "parameters": {"<name>": "<value>"}}},
 *  "curves": {"<name>": {"k": [1, ...], "ndcg": [...], "precision": [...], "recall": [...], "map": [...],
 *                        "coverage": [...]}},
 *  "serving_sample": {"size": 0, "population": 0, "seed": 42},
 *  "similar_movies": null | {"k": 10, "users": 0, "held_out_users": 0, "sampled": false, "max_users": 5000,
 *                            "seed": 42, "collaborative_weight": 0.5, "signal": "row",
 *                            "lists": {"<name>": {"hit_rate@10": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0,
 *                                                 "description": "..."}}}}
 * }</pre>
 * Ranking metrics of a model without a ranking are JSON {@code null}, so every model has the same keys; so is
 * {@code similar_movies} for a version without top-N tables. The similar lists are {@code collaborative},
 * {@code content}, {@code blend}, {@code popularity} and, when the version has its table, {@code item_knn}.
 */
public final class ReportJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    /** The rating models' section, by model name. */
    public static final String MODELS = "models";
    /** The rankings' section (the served top-N ranking among them), by ranking name. */
    public static final String RANKING_BASELINES = "ranking_baselines";
    /** Who the ranking metrics were measured on ({@link RankedUsers}); null when not recorded. */
    public static final String RANKED_USERS = "ranked_users";
    /** Which test rows the rating errors were measured on ({@link ScoredRows}); null when not recorded. */
    public static final String SCORED_ROWS = "scored_rows";

    public static ObjectNode toTree(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("split", report.split());
        root.put("seed", report.seed());
        root.put("serving_model", report.servingModel());
        root.put("version", report.version());
        root.put("created_at", report.createdAt().toString());
        root.put("data_fingerprint", report.dataFingerprint());
        root.put("baselines", report.baselines());
        ObjectNode models = root.putObject(MODELS);
        report.models().forEach((name, metrics) -> {
            ObjectNode model = metricsNode(metrics);
            model.set("parameters", parametersNode(report.parametersOf(name)));
            models.set(name, model);
        });
        ObjectNode rankingBaselines = root.putObject(RANKING_BASELINES);
        report.rankingBaselines().forEach((name, description) -> {
            ObjectNode node = headlineNode(report.curves().get(name));
            node.put("description", description);
            rankingBaselines.set(name, node);
        });
        ObjectNode curves = root.putObject("curves");
        report.curves().forEach((name, curve) -> curves.set(name, curvesNode(curve)));
        ObjectNode sample = root.putObject("serving_sample");
        sample.put("size", report.servingSample().size());
        sample.put("population", report.servingSample().population());
        sample.put("seed", report.servingSample().seed());
        if (report.similarMovies() == null) {
            root.putNull("similar_movies");
        } else {
            root.set("similar_movies", similarNode(report.similarMovies()));
        }
        if (report.rankedUsers() == null) {
            root.putNull(RANKED_USERS);
        } else {
            RankedUsers ranked = report.rankedUsers();
            ObjectNode node = root.putObject(RANKED_USERS);
            node.put("test_users", ranked.testUsers());
            node.put("ranked_users", ranked.rankedUsers());
            node.put("sampled", ranked.sampled());
            node.put("max_users", ranked.maxUsers());
            node.put("seed", ranked.seed());
            ObjectNode halfWidths = node.putObject(RankingMetric.NDCG.keyAt(RankingMetric.HEADLINE_K) + "_ci95_half_width");
            ranked.ndcgHalfWidths().forEach(halfWidths::put);
        }
        if (report.scoredRows() == null) {
            root.putNull(SCORED_ROWS);
        } else {
            ScoredRows scored = report.scoredRows();
            ObjectNode node = root.putObject(SCORED_ROWS);
            node.put("test_rows", scored.testRows());
            node.put("scored_rows", scored.scoredRows());
            node.put("sampled", scored.sampled());
            node.put("max_rows", scored.maxRows());
            node.put("seed", scored.seed());
            ObjectNode halfWidths = node.putObject("rmse_ci95_half_width");
            scored.rmseHalfWidths().forEach(halfWidths::put);
        }
        return root;
    }

    /** Pretty-printed, with a final newline. */
    public static String toJson(EvaluationReport report) {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toTree(report)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the report as JSON", e);
        }
    }

    /** One model's metrics under their report keys ({@code rmse}, {@code ndcg@10}, {@code test_rows}, …). */
    static ObjectNode metricsNode(ModelMetrics metrics) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rmse", metrics.rmse());
        node.put("mae", metrics.mae());
        node.put(RankingMetric.NDCG.keyAt(RankingMetric.HEADLINE_K), metrics.ndcgAt10());
        node.put(RankingMetric.PRECISION.keyAt(RankingMetric.HEADLINE_K), metrics.precisionAt10());
        node.put(RankingMetric.RECALL.keyAt(RankingMetric.HEADLINE_K), metrics.recallAt10());
        node.put(RankingMetric.MAP.keyAt(RankingMetric.HEADLINE_K), metrics.mapAt10());
        node.put(RankingMetric.COVERAGE.keyAt(RankingMetric.HEADLINE_K), metrics.coverageAt10());
        node.put("fallback_rows", metrics.fallbackRows());
        node.put("test_rows", metrics.testRows());
        return node;
    }

    /** A ranking's metrics at the headline cut-off, under the same keys as a model's. */
    static ObjectNode headlineNode(MetricCurves curves) {
        ObjectNode node = MAPPER.createObjectNode();
        for (RankingMetric metric : RankingMetric.values()) {
            node.put(metric.keyAt(RankingMetric.HEADLINE_K), curves.at(metric, RankingMetric.HEADLINE_K));
        }
        return node;
    }

    /** The similar-movies section: who was measured, with which blend, and each list's means. */
    static ObjectNode similarNode(SimilarMoviesResults similar) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("k", similar.k());
        node.put("users", similar.users());
        node.put("held_out_users", similar.heldOutUsers());
        node.put("sampled", similar.sampled());
        node.put("max_users", similar.maxUsers());
        node.put("seed", similar.seed());
        node.put("collaborative_weight", similar.collaborative());
        node.put("signal", similar.signal());
        ObjectNode lists = node.putObject("lists");
        similar.lists().forEach((name, metrics) -> {
            ObjectNode list = lists.putObject(name);
            list.put("hit_rate@" + similar.k(), metrics.hitRate());
            list.put("mrr@" + similar.k(), metrics.reciprocalRank());
            list.put("ndcg@" + similar.k(), metrics.ndcg());
            list.put("description", similar.descriptions().get(name));
        });
        return node;
    }

    static ObjectNode parametersNode(Map<String, String> parameters) {
        ObjectNode node = MAPPER.createObjectNode();
        parameters.forEach(node::put);
        return node;
    }

    private static ObjectNode curvesNode(MetricCurves curves) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode ks = node.putArray("k");
        for (int k = 1; k <= curves.maxK(); k++) {
            ks.add(k);
        }
        for (RankingMetric metric : RankingMetric.values()) {
            ArrayNode values = node.putArray(metric.key());
            List<Double> curve = curves.curve(metric);
            curve.forEach(values::add);
        }
        return node;
    }
}
