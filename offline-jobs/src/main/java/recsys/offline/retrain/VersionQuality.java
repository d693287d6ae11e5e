package recsys.offline.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import recsys.core.evaluation.PromotionGate;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelManifest;
import recsys.core.model.VersionLayout;
import recsys.offline.evaluation.RankingMetric;
import recsys.offline.evaluation.ReportJson;
import recsys.offline.storage.StorageLayout;

/**
 * The figures the promotion gate compares, read from where a version keeps them: validation from its manifest (the
 * serving rating model's validation RMSE, the served ranking's validation NDCG@10), test from its evaluation
 * report ({@code report.json}). A version without a report has no test figures and cannot be judged against.
 */
final class VersionQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionQuality() {
    }

    static Optional<PromotionGate.Quality> of(StorageLayout storage, String version) {
        String report = storage.reportDir(version) + "/report.json";
        if (!storage.exists(report)) {
            return Optional.empty();
        }
        try {
            ModelManifest manifest;
            Path manifestPath = new Path(storage.modelVersionDir(version) + "/" + VersionLayout.MANIFEST);
            try (InputStream in = manifestPath.getFileSystem(storage.hadoop()).open(manifestPath)) {
                manifest = ModelManifest.read(in);
            }
            ModelDescription description = manifest.description();
            String serving = description.servingModel();
            String ranking = ModelKind.TOP_N_SERVING.reportName();
            Map<String, Double> validation = description.metrics().getOrDefault(serving, Map.of());
            String validationNdcg = description.parameters().get(ModelDescription.VALIDATION_NDCG_PREFIX + ranking);
            JsonNode tree = JSON.readTree(storage.readText(report));
            String ndcg = RankingMetric.NDCG.keyAt(RankingMetric.HEADLINE_K);
            return Optional.of(new PromotionGate.Quality(
                    validation.getOrDefault("validation_rmse", Double.NaN),
                    validationNdcg == null ? Double.NaN : Double.parseDouble(validationNdcg),
                    tree.path(ReportJson.MODELS).path(serving).path("rmse").asDouble(Double.NaN),
                    tree.path(ReportJson.RANKING_BASELINES).path(ranking).path(ndcg).asDouble(Double.NaN)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the figures of model version " + version, e);
        }
    }
}
