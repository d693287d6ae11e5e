package recsys.offline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The similar-movies section in report.json, report.md and its chart; absent figures written as such. */
class SimilarMoviesReportTest {

    @Test
    void theJsonCarriesEveryListsFiguresAndWhoWasMeasured() throws IOException {
        JsonNode similar = new ObjectMapper().readTree(ReportJson.toJson(SampleReports.withSimilarMovies()))
                .get("similar_movies");

        assertEquals(10, similar.get("k").asInt());
        assertEquals(600, similar.get("users").asLong());
        assertEquals(12_000, similar.get("held_out_users").asLong());
        assertTrue(similar.get("sampled").asBoolean());
        assertEquals(5_000, similar.get("max_users").asInt());
        assertEquals(42, similar.get("seed").asLong());
        assertEquals(0.7, similar.get("collaborative_weight").asDouble());
        assertEquals("row", similar.get("signal").asText());
        assertEquals(List.of("collaborative", "blend", "popularity"), names(similar.get("lists")));
        JsonNode blend = similar.get("lists").get("blend");
        assertEquals(0.3, blend.get("hit_rate@10").asDouble());
        assertEquals(0.15, blend.get("mrr@10").asDouble());
        assertEquals(0.12, blend.get("ndcg@10").asDouble());
        assertEquals("the blend list", blend.get("description").asText());
    }

    @Test
    void theMarkdownHasASimilarMoviesSectionWithItsTableAndChart() {
        String md = ReportMarkdown.render(SampleReports.withSimilarMovies());

        assertTrue(md.contains("\n## Similar movies\n"), md);
        assertTrue(md.contains("| List | Hit rate@10 | MRR@10 | NDCG@10 |"), md);
        assertTrue(md.contains("| collaborative | 0.2500 | 0.1250 | 0.1000 |"), md);
        assertTrue(md.contains("| popularity | 0.2000 | 0.0500 | 0.0400 |"), md);
        assertTrue(md.contains("600 users, a sample (seed 42) of the 12,000 with a liked test rating"), md);
        assertTrue(md.contains("collaborative part 0.7"), md);
        assertTrue(md.contains("](" + ReportWriter.SIMILAR_MOVIES_PNG + ")"), md);
        assertTrue(md.indexOf("## Similar movies") > md.indexOf("## All metrics"), "after the model tables");
    }

    @Test
    void aReportWithoutFiguresSaysSo() throws IOException {
        EvaluationReport report = SampleReports.threeModels();

        assertTrue(new ObjectMapper().readTree(ReportJson.toJson(report)).get("similar_movies").isNull());
        assertTrue(ReportMarkdown.render(report).contains("## Similar movies\n\nNo figures: this version has no top-N"
                + " tables."));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(ReportCharts.similarMovies(report))));
    }

    @Test
    void theChartIsAReadableImage() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(ReportCharts.similarMovies(SampleReports.withSimilarMovies())));
        assertNotNull(image);
        assertTrue(image.getWidth() >= 800 && image.getHeight() >= 500, image.getWidth() + "x" + image.getHeight());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
