package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The report says who the ranking metrics were measured on, and each NDCG@10's confidence half-width. */
class RankedUsersReportTest {

    @Test
    void jsonCarriesTheSampleAndTheHalfWidths() throws Exception {
        JsonNode ranked = new ObjectMapper().readTree(ReportJson.toJson(SampleReports.withRankedUsers()))
                .get(ReportJson.RANKED_USERS);
        assertEquals(5_000, ranked.get("test_users").longValue());
        assertEquals(2_000, ranked.get("ranked_users").longValue());
        assertTrue(ranked.get("sampled").booleanValue());
        assertEquals(2_000, ranked.get("max_users").intValue());
        assertEquals(42, ranked.get("seed").longValue());
        JsonNode halfWidths = ranked.get("ndcg@10_ci95_half_width");
        assertEquals(SampleReports.threeModels().curves().size(), halfWidths.size());
        assertEquals(0.0125, halfWidths.get(SampleReports.BERT).doubleValue());
    }

    @Test
    void markdownNamesTheSampleAndEveryHalfWidth() {
        String md = ReportMarkdown.render(SampleReports.withRankedUsers());
        assertTrue(md.contains("a seeded sample of 2,000 of the 5,000 test users (at most 2,000 are ranked, seed 42)"),
                md);
        assertTrue(md.contains(SampleReports.BERT + " ±0.0125"), md);
    }

    @Test
    void aReportWithoutThemSaysNothingOfThem() throws Exception {
        EvaluationReport report = SampleReports.threeModels();
        assertTrue(new ObjectMapper().readTree(ReportJson.toJson(report)).get(ReportJson.RANKED_USERS).isNull());
        assertFalse(ReportMarkdown.render(report).contains("confidence half-widths"));
    }
}
