package recsys.offline.evaluation;

import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report, {@code report.md}. It opens with the original system's two-column table
 * ({@code | Model | RMSE |}, two decimals) so the numbers compare line by line, then gives every metric, the
 * parameters and the charts.
 */
public final class ReportMarkdown {

    private static final String ABSENT = "–";

    /** The ranking the service serves, when the version has one (see the evaluate job). */
    static final String SERVED_RANKING = recsys.offline.training.TopNTraining.SERVING;

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
        md.append("Rating error over all test rows (lower is better); ranking metrics over the top ")
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
                .append(ReportWriter.PREDICTED_VS_ACTUAL_PNG).append(")\n");
        return md.toString();
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
