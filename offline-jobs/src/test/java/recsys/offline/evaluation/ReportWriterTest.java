package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    /** Set it to keep a copy of the written report for a look at the charts. */
    private static final String KEEP_DIR_PROPERTY = "recsys.test.reportDir";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path dir;
    static String jsonPath;

    @BeforeAll
    static void writeReport() {
        jsonPath = new ReportWriter(new Configuration()).write(SampleReports.threeModels(), dir.toUri().toString());
        String keep = System.getProperty(KEEP_DIR_PROPERTY);
        if (keep != null) {
            new ReportWriter(new Configuration()).write(SampleReports.threeModels(), Path.of(keep).toUri().toString());
        }
    }

    @Test
    void rendersWithoutADisplay() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs the charts headless, as a cluster driver would");
    }

    @Test
    void writesEveryFileAndReturnsTheJsonPath() {
        for (String file : ReportWriter.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        assertTrue(jsonPath.startsWith("file:") && jsonPath.endsWith("/" + ReportWriter.REPORT_JSON), jsonPath);
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary files left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reportJsonHasTheIssuesKeysAndValues() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir.resolve(ReportWriter.REPORT_JSON).toFile());
        assertEquals(Set.of("split", "seed", "serving_model", "models", "version", "created_at", "data_fingerprint",
                "curves", "serving_sample", "baselines", "ranking_baselines", "similar_movies", "ranked_users",
                "scored_rows"),
                names(root));
        assertEquals("per-user-random-0.8", root.get("split").textValue());
        assertTrue(root.get("seed").isIntegralNumber());
        assertEquals(42, root.get("seed").longValue());
        assertEquals(SampleReports.BERT, root.get("serving_model").textValue());
        assertEquals("20240501T120000Z", root.get("version").textValue());
        assertEquals("2024-05-01T12:00:00Z", root.get("created_at").textValue());
        assertEquals("sha256:abc123", root.get("data_fingerprint").textValue());

        JsonNode models = root.get("models");
        assertEquals(List.of(SampleReports.MEAN, SampleReports.SPARSE, SampleReports.BERT), fieldOrder(models));
        Set<String> modelKeys = Set.of("rmse", "mae", "ndcg@10", "precision@10", "recall@10", "map@10",
                "coverage@10", "fallback_rows", "test_rows", "parameters");
        for (JsonNode model : models) {
            assertEquals(modelKeys, names(model));
        }
        JsonNode sparse = models.get(SampleReports.SPARSE);
        assertEquals(0.96, sparse.get("rmse").doubleValue());
        assertEquals(0.75, sparse.get("mae").doubleValue());
        assertEquals(0.21, sparse.get("ndcg@10").doubleValue());
        assertEquals(0.18, sparse.get("precision@10").doubleValue());
        assertEquals(0.11, sparse.get("recall@10").doubleValue());
        assertEquals(0.09, sparse.get("map@10").doubleValue());
        assertEquals(0.35, sparse.get("coverage@10").doubleValue());
        assertEquals(120, sparse.get("fallback_rows").longValue());
        assertEquals(20_000, sparse.get("test_rows").longValue());
        assertEquals("12", sparse.get("parameters").get("max_depth").textValue());

        JsonNode mean = models.get(SampleReports.MEAN);
        assertEquals(1.12, mean.get("rmse").doubleValue());
        assertTrue(mean.get("ndcg@10").isNull(), "a model without a ranking has null ranking metrics");
        assertEquals(0, mean.get("parameters").size());

        JsonNode curves = root.get("curves");
        assertEquals(Set.of(SampleReports.SPARSE, SampleReports.BERT), names(curves));
        JsonNode bert = curves.get(SampleReports.BERT);
        assertEquals(Set.of("k", "ndcg", "precision", "recall", "map", "coverage"), names(bert));
        assertEquals(20, bert.get("k").size());
        assertEquals(1, bert.get("k").get(0).intValue());
        assertEquals(20, bert.get("k").get(19).intValue());
        assertEquals(0.14, bert.get("recall").get(9).doubleValue(), 1e-12);

        assertEquals(3_000, root.get("serving_sample").get("size").intValue());
        assertEquals(3_000, root.get("serving_sample").get("population").longValue());
    }

    @Test
    void markdownOpensWithTheOriginalTable() throws IOException {
        String md = Files.readString(dir.resolve(ReportWriter.REPORT_MD));
        assertTrue(md.contains("""
                | Model | RMSE |
                |---|---|
                | Global mean | 1.12 |
                | Sparse matrix + Random Forest | 0.96 |
                | BERT embeddings + Random Forest | 0.91 |
                """), md);
        assertTrue(md.indexOf("| Model | RMSE |") < md.indexOf("| Model | RMSE | MAE |"), "original table first");
        assertTrue(md.contains("| **BERT embeddings + Random Forest** (serving) | 0.9100 | 0.7100 | 0.2500 | 0.2200 "
                + "| 0.1400 | 0.1200 | 0.4200 | 20,000 | 40 (0.2%) |"), md);
        assertTrue(md.contains("| Global mean | 1.1200 | 0.9400 | – | – | – | – | – | 20,000 | 0 (0.0%) |"), md);
        assertTrue(md.contains("Split: `per-user-random-0.8`, seed 42"), md);
        assertTrue(md.contains("`max_depth = 12`"), md);
        for (String png : List.of(ReportWriter.RMSE_MAE_PNG, ReportWriter.RANKING_AT_K_PNG,
                ReportWriter.PREDICTED_VS_ACTUAL_PNG)) {
            assertTrue(md.contains("](" + png + ")"), png + " not linked");
        }
    }

    @Test
    void chartsAreReadablePngsOfSensibleSize() throws IOException {
        assertChart(ReportWriter.RMSE_MAE_PNG, 800, 500);
        assertChart(ReportWriter.RANKING_AT_K_PNG, 1200, 700);
        assertChart(ReportWriter.PREDICTED_VS_ACTUAL_PNG, 800, 600);
    }

    @Test
    void chartsAreDeterministic() {
        EvaluationReport report = SampleReports.threeModels();
        assertArrayEquals(ReportCharts.predictedVsActual(report), ReportCharts.predictedVsActual(report));
    }

    @Test
    void chartsCopeWithOneModelWithoutRankingOrSample() throws IOException {
        EvaluationReport minimal = new EvaluationReport("temporal", 7, "Global mean", "v1",
                java.time.Instant.EPOCH, "fp", java.util.Map.of("Global mean", ModelMetrics.ratingOnly(1.0, 0.8, 0, 10)),
                java.util.Map.of(), java.util.Map.of(), PredictionSample.empty(), null);
        for (byte[] png : List.of(ReportCharts.rmseMae(minimal), ReportCharts.rankingAtK(minimal),
                ReportCharts.predictedVsActual(minimal))) {
            assertNotNull(ImageIO.read(new java.io.ByteArrayInputStream(png)));
        }
        assertFalse(ReportMarkdown.render(minimal).contains("## Parameters"));
    }

    private static void assertChart(String file, int minWidth, int minHeight) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(bytes, PNG_SIGNATURE.length), file);
        BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
        assertNotNull(image, file);
        assertTrue(image.getWidth() >= minWidth && image.getWidth() <= 4000, file + " width " + image.getWidth());
        assertTrue(image.getHeight() >= minHeight && image.getHeight() <= 3000, file + " height " + image.getHeight());
        assertTrue(bytes.length > 10_000, file + " is suspiciously small: " + bytes.length + " bytes");
    }

    private static Set<String> names(JsonNode node) {
        return new TreeSet<>(fieldOrder(node));
    }

    private static List<String> fieldOrder(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
