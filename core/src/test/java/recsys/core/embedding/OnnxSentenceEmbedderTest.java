package recsys.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import recsys.testing.Vectors;

class OnnxSentenceEmbedderTest {

    /** Short texts of the kinds the service embeds: titles, template texts, queries, odd characters. */
    static final List<String> TEXTS = List.of(
            "Toy Story (1995). Genres: Adventure, Animation, Children, Comedy, Fantasy. Tags: pixar, fun.",
            "Heat (1995). Genres: Action, Crime, Thriller.",
            "The American President (1995). Genres: Comedy, Drama, Romance.",
            "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001). Genres: Comedy, Romance.",
            "2001: A Space Odyssey (1968). Tags: sci-fi, kubrick, space, artificial intelligence.",
            "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)",
            "Spirited Away (Sen to Chihiro no kamikakushi) (2001) 千と千尋の神隠し",
            "a funny movie about dogs",
            "space battles and aliens",
            "Se7en (1995)",
            "WALL·E (2008). Tags: robots, romance, dystopia.",
            "Léon: The Professional (1994)",
            "(500) Days of Summer (2009)",
            "Mission: Impossible - Ghost Protocol (2011)",
            "what's a good noir with a femme fatale?",
            "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)",
            "M*A*S*H (1970) — war comedy",
            "Æon Flux (2005); Über-cool £5 €10 100%",
            "x",
            "");

    static OnnxSentenceEmbedder embedder;

    @BeforeAll
    static void open() throws IOException {
        embedder = OnnxSentenceEmbedder.open(MiniLmModelFiles.materialiseInTempDir(), OnnxSentenceEmbedder.Settings.DEFAULT);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsHave384DimensionsAndUnitLength() {
        for (float[] v : embedder.embedAll(TEXTS)) {
            assertEquals(OnnxSentenceEmbedder.DIMENSION, v.length);
            assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5);
        }
    }

    @Test
    void sameTextSameVector() {
        assertArrayEquals(embedder.embed(TEXTS.get(0)), embedder.embed(TEXTS.get(0)));
    }

    @Test
    void batchingAndSortingDoNotChangeVectors() throws IOException {
        List<float[]> single = new ArrayList<>();
        for (String text : TEXTS) {
            single.add(embedder.embed(text));
        }
        OnnxSentenceEmbedder.Settings base = OnnxSentenceEmbedder.Settings.DEFAULT;
        double largest = 0;
        for (OnnxSentenceEmbedder.Settings settings : List.of(base, base.withSortByLength(false),
                base.withBatchSize(7), base.withBatchSize(7).withSortByLength(false), base.withIntraOpThreads(2))) {
            try (OnnxSentenceEmbedder other = OnnxSentenceEmbedder.open(MiniLmModelFiles.materialiseInTempDir(), settings)) {
                List<float[]> batched = other.embedAll(TEXTS);
                for (int i = 0; i < TEXTS.size(); i++) {
                    largest = Math.max(largest, maxAbsDiff(single.get(i), batched.get(i)));
                    assertTrue(maxAbsDiff(single.get(i), batched.get(i)) < 1e-5,
                            settings + " changed text " + i + " by " + maxAbsDiff(single.get(i), batched.get(i)));
                }
            }
        }
        System.out.printf("batched vs one at a time: max abs difference %.2e%n", largest);
    }

    @Test
    void matchesLangchain4jReference() {
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        List<float[]> ours = embedder.embedAll(TEXTS);
        double worst = 1.0;
        for (int i = 0; i < TEXTS.size(); i++) {
            if (TEXTS.get(i).isBlank()) {
                continue; // langchain4j refuses empty text
            }
            float[] theirs = reference.embed(TEXTS.get(i)).content().vector();
            worst = Math.min(worst, Vectors.cosine(ours.get(i), theirs));
        }
        System.out.printf("OnnxSentenceEmbedder vs langchain4j AllMiniLmL6V2EmbeddingModel: min cosine %.9f%n", worst);
        assertTrue(worst >= 0.9999, "min cosine to langchain4j " + worst);
    }

    @Test
    void similarMeaningScoresHigherThanUnrelated() {
        List<float[]> v = embedder.embedAll(List.of(
                "a scary horror movie with ghosts",
                "a frightening film about a haunted house",
                "a romantic comedy set in Paris",
                "Toy Story (1995). Genres: Animation, Children, Comedy.",
                "Finding Nemo (2003). Genres: Animation, Children, Adventure.",
                "Saving Private Ryan (1998). Genres: Action, Drama, War."));
        assertTrue(dot(v.get(0), v.get(1)) > dot(v.get(0), v.get(2)) + 0.2, "horror paraphrase vs romance");
        assertTrue(dot(v.get(3), v.get(4)) > dot(v.get(3), v.get(5)), "animated films vs war film");
    }

    @Test
    void countsWordPieceTokensWithSpecialTokensUpTo128() {
        assertEquals(2, embedder.tokenCount(""));
        assertEquals(4, embedder.tokenCount("Hello world"));
        assertEquals(4, embedder.tokenCount("HELLO   World"));
        assertEquals(embedder.tokenCount("amelie"), embedder.tokenCount("Amélie")); // accents stripped
        assertEquals(OnnxSentenceEmbedder.MAX_TOKENS, embedder.tokenCount("word ".repeat(500)));
        assertEquals(OnnxSentenceEmbedder.MAX_TOKENS, embedder.tokenCount("word ".repeat(126)));
        assertEquals(OnnxSentenceEmbedder.MAX_TOKENS - 1, embedder.tokenCount("word ".repeat(125)));
    }

    @Test
    void textsBeyond128TokensAreTruncated() {
        String head = "word ".repeat(126);
        assertTrue(maxAbsDiff(embedder.embed(head), embedder.embed(head + "completely different tail")) < 1e-6);
    }

    @Test
    void concurrentCallsAgreeWithSequentialOnes() throws Exception {
        List<float[]> expected = embedder.embedAll(TEXTS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> embedder.embedAll(TEXTS)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> got = result.get();
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new OnnxSentenceEmbedder.Settings(0, 32, true));
        assertThrows(IllegalArgumentException.class, () -> new OnnxSentenceEmbedder.Settings(1, 0, true));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
