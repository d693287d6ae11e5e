package recsys.offline.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report's files into one folder on any Hadoop file system (local, HDFS, S3A, …):
 * <pre>
 *   rmse_mae.png              RMSE and MAE per model
 *   ranking_at_k.png          NDCG, precision, recall, MAP and coverage at k = 1 … 20
 *   predicted_vs_actual.png   the serving model's predictions against the ratings
 *   similar_movies.png        hit rate and MRR of each similar-movies list
 *   report.md                 the tables, linking the charts
 *   report.json               the numbers, written last
 * </pre>
 * Each file is written to a temporary sibling and renamed into place, and {@code report.json} comes last, so a
 * reader that finds report.json finds the rest of this report beside it.
 */
public final class ReportWriter {

    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_MD = "report.md";
    public static final String RMSE_MAE_PNG = "rmse_mae.png";
    public static final String RANKING_AT_K_PNG = "ranking_at_k.png";
    public static final String PREDICTED_VS_ACTUAL_PNG = "predicted_vs_actual.png";
    public static final String SIMILAR_MOVIES_PNG = "similar_movies.png";

    /** Every file {@link #write} produces, in the order it writes them. */
    public static final List<String> FILES =
            List.of(RMSE_MAE_PNG, RANKING_AT_K_PNG, PREDICTED_VS_ACTUAL_PNG, SIMILAR_MOVIES_PNG, REPORT_MD,
                    REPORT_JSON);

    private final Configuration hadoop;

    public ReportWriter(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /**
     * Writes every file of {@code report} into {@code folder}, creating it if needed and replacing the files of
     * an earlier report there.
     *
     * @param folder a Hadoop path or URI, e.g. {@code file:/data/recsys/evaluations/<version>}
     * @return the fully qualified path of report.json
     */
    public String write(EvaluationReport report, String folder) {
        Path dir = new Path(folder);
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.mkdirs(dir);
            put(fs, new Path(dir, RMSE_MAE_PNG), ReportCharts.rmseMae(report));
            put(fs, new Path(dir, RANKING_AT_K_PNG), ReportCharts.rankingAtK(report));
            put(fs, new Path(dir, PREDICTED_VS_ACTUAL_PNG), ReportCharts.predictedVsActual(report));
            put(fs, new Path(dir, SIMILAR_MOVIES_PNG), ReportCharts.similarMovies(report));
            put(fs, new Path(dir, REPORT_MD), ReportMarkdown.render(report).getBytes(StandardCharsets.UTF_8));
            Path json = new Path(dir, REPORT_JSON);
            put(fs, json, ReportJson.toJson(report).getBytes(StandardCharsets.UTF_8));
            return fs.makeQualified(json).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation report into " + dir, e);
        }
    }

    /** Temporary sibling, then rename; Hadoop's rename does not replace, hence the delete in between. */
    private static void put(FileSystem fs, Path target, byte[] content) throws IOException {
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try (OutputStream out = fs.create(temporary, true)) {
            out.write(content);
        }
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) {
            fs.delete(temporary, false);
            throw new IOException("rename " + temporary + " -> " + target + " failed");
        }
    }
}
