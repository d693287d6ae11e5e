package recsys.offline.evaluation;

import java.util.Locale;
import java.util.Map;
import recsys.core.model.ModelKind;
import recsys.offline.similar.SimilarMoviesResults;

/**
 * The human-readable report, {@code report.md}. It opens with the original system's two-column table
 * ({@code | Model | RMSE |}, two decimals) so the numbers compare line by line, then gives every metric, the
 * parameters and the charts.
 */
public final class ReportMarkdown {

    private static final String ABSENT = "–";

    /** The ranking the service serves, when the version has one (see the evaluate job). */
    static final String SERVED_RANKING = ModelKind.TOP_N_SERVING.reportName();

    private ReportMarkdown() {
    }

    public static String render(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation report ").append(report.version()).append("\n\n");
        md.append("- Split: `").append(report.split()).append("`, seed ").append(report.seed()).append('\n');
        md.append("- Serving model: **").append(escape(report.servingModel())).append("**\n");
        if (report.rankingBaselines().containsKey(SERVED_RANKING)) {
            md.append("- Served ranking (what `GET /recommendations` returns): **").append(escape(SERVED_RANKING))
                    .append("**\n");
        }
        md.append("- Created at: ").append(report.createdAt()).append('\n');
        md.append("- Data fingerprint: `").append(report.dataFingerprint()).append("`\n\n");

        md.append("## RMSE\n\n");
        md.append("| Model | RMSE |\n");
        md.append("|---|---|\n");
        report.models().forEach((name, metrics) ->
                md.append("| ").append(escape(name)).append(" | ").append(format("%.2f", metrics.rmse())).append(" |\n"));

        md.append("\n## All metrics\n\n");
        md.append("Rating error over the test rows scored (lower is better; which rows, below); ranking metrics over the top ")
                .append(RankingMetric.HEADLINE_K).append(" of each user with a relevant test movie (higher is better).")
                .append(" Fallback rows are test rows the model could not score and its fallback scored instead.\n\n");
        md.append("| Model | RMSE | MAE | NDCG@10 | Precision@10 | Recall@10 | MAP@10 | Coverage@10 | Test rows | Fallback rows |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        report.models().forEach((name, m) -> {
            String label = name.equals(report.servingModel()) ? "**" + escape(name) + "** (serving)" : escape(name);
            md.append("| ").append(label)
                    .append(" | ").append(format("%.4f", m.rmse()))
                    .append(" | ").append(format("%.4f", m.mae()))
                    .append(" | ").append(optional(m.ndcgAt10()))
                    .append(" | ").append(optional(m.precisionAt10()))
                    .append(" | ").append(optional(m.recallAt10()))
                    .append(" | ").append(optional(m.mapAt10()))
                    .append(" | ").append(optional(m.coverageAt10()))
                    .append(" | ").append(format("%,d", m.testRows()))
                    .append(" | ").append(format("%,d (%.1f%%)", m.fallbackRows(), 100 * m.fallbackShare()))
                    .append(" |\n");
        });

        report.rankingBaselines().forEach((name, description) -> {
            MetricCurves c = report.curves().get(name);
            int k = RankingMetric.HEADLINE_K;
            md.append("| ").append(SERVED_RANKING.equals(name) ? "**" + escape(name) + "** (served ranking)"
                    : escape(name) + " (ranking only)")
                    .append(" | ").append(ABSENT).append(" | ").append(ABSENT)
                    .append(" | ").append(format("%.4f", c.at(RankingMetric.NDCG, k)))
                    .append(" | ").append(format("%.4f", c.at(RankingMetric.PRECISION, k)))
                    .append(" | ").append(format("%.4f", c.at(RankingMetric.RECALL, k)))
                    .append(" | ").append(format("%.4f", c.at(RankingMetric.MAP, k)))
                    .append(" | ").append(format("%.4f", c.at(RankingMetric.COVERAGE, k)))
                    .append(" | ").append(ABSENT).append(" | ").append(ABSENT).append(" |\n");
        });
        if (!report.rankingBaselines().isEmpty()) {
            md.append("\nRanking-only rows: ");
            StringBuilder list = new StringBuilder();
            report.rankingBaselines().forEach((name, description) -> list.append(list.isEmpty() ? "" : "; ")
                    .append(escape(name)).append(": ").append(description));
            md.append(list).append(".\n");
        }
        rankedUsers(md, report.rankedUsers());
        scoredRows(md, report.scoredRows());

        similarMovies(md, report.similarMovies());

        if (report.models().keySet().stream().anyMatch(name -> !report.parametersOf(name).isEmpty())) {
            md.append("\n## Parameters\n\n");
            report.models().keySet().forEach(name -> {
                Map<String, String> parameters = report.parametersOf(name);
                if (!parameters.isEmpty()) {
                    md.append("- ").append(escape(name)).append(": ");
                    StringBuilder list = new StringBuilder();
                    parameters.forEach((key, value) -> list.append(list.isEmpty() ? "" : ", ")
                            .append('`').append(key).append(" = ").append(value).append('`'));
                    md.append(list).append('\n');
                }
            });
        }

        if (report.baselines() != null && !report.baselines().isBlank()) {
            md.append("\n## Baselines\n\n").append(report.baselines().strip()).append('\n');
        }

        md.append("\n## Charts\n\n");
        md.append("![RMSE and MAE per model](").append(ReportWriter.RMSE_MAE_PNG).append(")\n\n");
        md.append("![Ranking metrics at k = 1 … ").append(MetricCurves.REPORT_MAX_K).append("](")
                .append(ReportWriter.RANKING_AT_K_PNG).append(")\n\n");
        md.append("![Predicted against actual rating, ").append(escape(report.servingModel())).append(", ")
                .append(format("%,d", report.servingSample().size())).append(" of ")
                .append(format("%,d", report.servingSample().population())).append(" test rows](")
                .append(ReportWriter.PREDICTED_VS_ACTUAL_PNG).append(")\n\n");
        md.append("![Similar movies: hit rate and MRR at ").append(RankingMetric.HEADLINE_K).append(" per list](")
                .append(ReportWriter.SIMILAR_MOVIES_PNG).append(")\n");
        return md.toString();
    }

    /** Who the ranking metrics were measured on, and how far each NDCG@10 may be from its value over all users. */
    private static void rankedUsers(StringBuilder md, RankedUsers ranked) {
        if (ranked == null) {
            return;
        }
        md.append("\nRanking metrics over ").append(ranked.sampled()
                ? format("a seeded sample of %,d of the %,d test users (at most %,d are ranked, seed %d)",
                        ranked.rankedUsers(), ranked.testUsers(), ranked.maxUsers(), ranked.seed())
                : format("every one of the %,d test users", ranked.testUsers()))
                .append(". 95 % confidence half-widths of NDCG@").append(RankingMetric.HEADLINE_K)
                .append(" (1.96 standard errors over the users): ");
        md.append(halfWidths(ranked.ndcgHalfWidths())).append(".\n");
    }

    /** "name ±half-width" for each entry, comma-separated. */
    private static String halfWidths(Map<String, Double> byName) {
        StringBuilder list = new StringBuilder();
        byName.forEach((name, halfWidth) -> list.append(list.isEmpty() ? "" : ", ")
                .append(escape(name)).append(" ±").append(format("%.4f", halfWidth)));
        return list.toString();
    }

    /** Which test rows the rating errors were measured on, and how far each RMSE may be from its value over all. */
    private static void scoredRows(StringBuilder md, ScoredRows scored) {
        if (scored == null) {
            return;
        }
        md.append("\nRating errors over ").append(scored.sampled()
                ? format("a seeded sample of %,d of the %,d test rows (at most %,d are scored, seed %d), the same rows"
                        + " for every model", scored.scoredRows(), scored.testRows(), scored.maxRows(), scored.seed())
                : format("every one of the %,d test rows", scored.testRows()))
                .append(". 95 % confidence half-widths of the RMSE (1.96 standard errors over the rows): ");
        md.append(halfWidths(scored.rmseHalfWidths())).append(".\n");
    }

    /** What {@code GET /movies/{movie_id}/similar} would return, measured on the same test part. */
    private static void similarMovies(StringBuilder md, SimilarMoviesResults similar) {
        md.append("\n## Similar movies\n\n");
        if (similar == null) {
            md.append("No figures: this version has no top-N tables.\n");
            return;
        }
        int k = similar.k();
        md.append("The lists `GET /movies/{movie_id}/similar` would return. For each test user with a liked (4 stars or")
                .append(" more) training rating and a liked test rating, the query is their most recent liked training")
                .append(" movie; a list scores a hit when its top ").append(k).append(", their training movies left")
                .append(" out, holds one of their liked test movies. MRR: 1 / rank of the first such movie.")
                .append(format(" %,d users", similar.users()));
        if (similar.sampled()) {
            md.append(format(", a sample (seed %d) of the %,d with a liked test rating, at most %,d", similar.seed(),
                    similar.heldOutUsers(), similar.maxUsers()));
        } else {
            md.append(format(" (of the %,d with a liked test rating; no sampling)", similar.heldOutUsers()));
        }
        md.append(format(". Blend weight of the collaborative part %.1f (chosen on validation), collaborative signal",
                similar.collaborative())).append(" `").append(similar.signal()).append("`.\n\n");
        md.append("| List | Hit rate@").append(k).append(" | MRR@").append(k).append(" | NDCG@").append(k)
                .append(" |\n");
        md.append("|---|---:|---:|---:|\n");
        similar.lists().forEach((name, m) -> md.append("| ").append(escape(name))
                .append(" | ").append(format("%.4f", m.hitRate()))
                .append(" | ").append(format("%.4f", m.reciprocalRank()))
                .append(" | ").append(format("%.4f", m.ndcg())).append(" |\n"));
        StringBuilder list = new StringBuilder();
        similar.descriptions().forEach((name, description) -> list.append(list.isEmpty() ? "" : "; ")
                .append(escape(name)).append(": ").append(description));
        md.append("\nLists: ").append(list).append(".\n");
    }

    private static String optional(Double value) {
        return value == null ? ABSENT : format("%.4f", value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** Model names are free text; a pipe would split a table cell. */
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
