package recsys.online.movieupdate;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.core.embedding.MovieText;
import recsys.core.embedding.OnnxSentenceEmbedder;

/**
 * Embeds movies exactly as the offline embed job does: the one text template ({@link MovieText}) and the same
 * all-MiniLM-L6-v2 ONNX file, which comes from a Maven artifact on the class path (nothing is downloaded), run by
 * ONNX Runtime instead of Spark NLP; the two give the same vectors (a test checks cosine against the offline job).
 *
 * <p>Loaded once when the service starts ({@code @Context}), so a missing model fails the start rather than the first
 * request, and warmed up with one text so the first request does not pay ONNX Runtime's first-run allocations.
 * One shared session: ONNX Runtime sessions take concurrent calls, and with one intra-op thread each request uses
 * one core, which is what two shared cores with concurrent requests want.
 */
@Context
public class MovieEmbedder {

    private static final Logger LOG = LoggerFactory.getLogger(MovieEmbedder.class);

    private final OnnxSentenceEmbedder embedder;

    public MovieEmbedder() {
        long start = System.nanoTime();
        try {
            embedder = OnnxSentenceEmbedder.open(MiniLmModelFiles.materialiseInTempDir(),
                    OnnxSentenceEmbedder.Settings.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the all-MiniLM-L6-v2 model for /update_movie", e);
        }
        embedder.embed(MovieText.of("Warm-up (2000)", List.of("Drama"), List.of("start")));
        LOG.info("embedding model loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The text the offline job would embed for this movie. */
    public static String text(MovieUpdate movie) {
        return MovieText.of(movie.title(), movie.genres(), movie.tags());
    }

    /** One unit vector of {@value OnnxSentenceEmbedder#DIMENSION} dimensions per movie, in the order given. */
    public List<float[]> embed(List<MovieUpdate> movies) {
        return embedder.embedAll(movies.stream().map(MovieEmbedder::text).toList());
    }

    @PreDestroy
    void close() {
        embedder.close();
    }
}
