package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report says which test rows the rating errors were measured on, and each RMSE's confidence half-width. */
class ScoredRowsReportTest {

    @Test
    void jsonCarriesTheSampleAndTheHalfWidths() throws Exception {
        JsonNode scored = new ObjectMapper().readTree(ReportJson.toJson(SampleReports.withScoredRows()))
                .get(ReportJson.SCORED_ROWS);
        assertEquals(2_500_000, scored.get("test_rows").longValue());
        assertEquals(500_000, scored.get("scored_rows").longValue());
        assertTrue(scored.get("sampled").booleanValue());
        assertEquals(500_000, scored.get("max_rows").longValue());
        assertEquals(42, scored.get("seed").longValue());
        JsonNode halfWidths = scored.get("rmse_ci95_half_width");
        assertEquals(SampleReports.threeModels().models().size(), halfWidths.size());
        assertEquals(0.0021, halfWidths.get(SampleReports.BERT).doubleValue());
    }

    @Test
    void markdownNamesTheSampleAndEveryHalfWidth() {
        String md = ReportMarkdown.render(SampleReports.withScoredRows());
        assertTrue(md.contains("a seeded sample of 500,000 of the 2,500,000 test rows (at most 500,000 are scored,"
                + " seed 42), the same rows for every model"), md);
        assertTrue(md.contains(SampleReports.BERT + " ±0.0021"), md);
    }

    @Test
    void aReportWithoutThemSaysNothingOfThem() throws Exception {
        EvaluationReport report = SampleReports.threeModels();
        assertTrue(new ObjectMapper().readTree(ReportJson.toJson(report)).get(ReportJson.SCORED_ROWS).isNull());
        assertFalse(ReportMarkdown.render(report).contains("half-widths of the RMSE"));
    }

    @Test
    void scoredRowsLieBetweenOneAndTheTestRows() {
        assertThrows(IllegalArgumentException.class, () -> new ScoredRows(10, 11, 20, 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ScoredRows(10, 0, 20, 1, Map.of()));
    }
}
