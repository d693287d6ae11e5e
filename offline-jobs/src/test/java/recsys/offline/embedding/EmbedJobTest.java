package recsys.offline.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.lit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.core.embedding.MovieText;
import recsys.core.embedding.OnnxSentenceEmbedder;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.offline.index.ElasticsearchClients;
import recsys.offline.index.IndexLifecycle;
import recsys.offline.index.IndexWriter;
import recsys.offline.ingest.IngestJob;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.MovieLensFixture;
import recsys.offline.testing.TestIndices;
import recsys.offline.testing.TestSpark;
import recsys.testing.Vectors;

/**
 * The embed job end to end on ingested fixture data: the published vectors are the ones the online service's
 * ONNX Runtime embedder computes for the same movie text, and a second run moves the alias.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedJobTest {

    private final MovieLensFixture fixture = new MovieLensFixture(11, 30, 15, 8);
    private final IndexNames names = new IndexNames("it-" + UUID.randomUUID().toString().substring(0, 8) + "-");

    // static: JUnit injects instance @TempDir fields only after @BeforeAll has run
    @TempDir
    static Path temp;

    private SparkSession spark;
    private ElasticsearchClient client;
    private IndexLifecycle lifecycle;
    private StorageLayout storage;
    private SparkNlpSentenceEmbedder embedder;

    @BeforeAll
    void start() {
        spark = TestSpark.session();
        client = ElasticsearchClients.create(TestSpark.settings(temp, names).elasticsearch());
        lifecycle = new IndexLifecycle(client, names, 0);
        storage = new StorageLayout(temp.resolve("storage").toUri(), spark.sparkContext().hadoopConfiguration());
        embedder = SparkNlpSentenceEmbedder.create(spark, 32);
        Path data = fixture.writeMlLatest(temp.resolve("ml-latest"));
        new IngestJob(spark, storage, lifecycle, new IndexWriter(lifecycle), Clock.systemUTC(), System.out)
                .run(data.toUri().toString());
    }

    @AfterAll
    void cleanUp() throws IOException {
        embedder.close();
        TestIndices.deleteAll(client, names);
        client._transport().close();
    }

    private EmbedJob job() {
        return new EmbedJob(spark, storage, lifecycle, new IndexWriter(lifecycle), embedder, Clock.systemUTC(), System.out);
    }

    @Test
    void publishesTheVectorsTheOnlineEmbedderComputes() throws IOException {
        EmbedReport first = job().run();
        assertEquals(fixture.movies.size(), first.movies());
        assertEquals(first.index(), lifecycle.aliasTargets(IndexSchema.MOVIE_VECTORS).iterator().next());

        Map<String, float[]> indexed = new HashMap<>();
        for (Hit<ObjectNode> hit : client.search(s -> s.index(names.alias(IndexSchema.MOVIE_VECTORS)).size(1000)
                .sort(o -> o.field(f -> f.field("movie_id").order(SortOrder.Asc))), ObjectNode.class).hits().hits()) {
            JsonNode vector = hit.source().get("movie_vector");
            float[] values = new float[vector.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) vector.get(i).asDouble();
            }
            indexed.put(hit.source().get("movie_id").asText(), values);
        }
        assertEquals(fixture.movies.size(), indexed.size());

        // the texts come from the ingested movie documents (with their ranked tags), as the online service sees them
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (JsonNode movie : movieDocuments()) {
            ids.add(movie.get("movie_id").asText());
            texts.add(MovieText.of(movie.get("title").asText(), strings(movie.get("genres")), strings(movie.get("tags"))));
        }
        try (OnnxSentenceEmbedder online = OnnxSentenceEmbedder.open(
                MiniLmModelFiles.materialiseInTempDir(), OnnxSentenceEmbedder.Settings.DEFAULT)) {
            List<float[]> expected = online.embedAll(texts);
            double worst = 1;
            for (int i = 0; i < ids.size(); i++) {
                float[] actual = indexed.get(ids.get(i));
                assertEquals(OnnxSentenceEmbedder.DIMENSION, actual.length);
                worst = Math.min(worst, Vectors.cosine(expected.get(i), actual));
            }
            assertTrue(worst >= 0.9999, "lowest cosine to the online embedder: " + worst);
        }

        EmbedReport second = job().run();
        assertEquals(second.index(), lifecycle.aliasTargets(IndexSchema.MOVIE_VECTORS).iterator().next());
        assertTrue(lifecycle.physicalIndices(IndexSchema.MOVIE_VECTORS).contains(first.index()), "previous version kept");
        assertEquals(fixture.movies.size(), client.count(c -> c.index(names.alias(IndexSchema.MOVIE_VECTORS))).count());
        String pointer = storage.vectorsOf(second.ingestRun());
        assertEquals("vectors-" + second.runId(), pointer);
        assertFalse(spark.read().parquet(storage.dataset(second.ingestRun(), pointer)).isEmpty());
    }

    @Test
    void anEmbedRunFailingMidwayChangesNothing() throws IOException {
        String ingestRun = job().run().ingestRun();
        Published before = published(ingestRun);

        // one more movie in the ingest's Parquet, whose id is longer than Elasticsearch's 512-byte limit on document
        // ids: the embedding and the Parquet write take it, then the bulk load refuses it in the Spark task holding
        // it, after the run's index was created and while the other task writes its documents
        Path movies = Path.of(URI.create(storage.dataset(ingestRun, "movies")));
        Path staged = temp.resolve("injected-movie");
        spark.read().parquet(movies.toString()).limit(1).withColumn("movie_id", lit("9".repeat(600)))
                .coalesce(1).write().parquet(staged.toString());
        Path injected;
        try (Stream<Path> files = Files.list(staged)) {
            Path part = files.filter(file -> file.getFileName().toString().endsWith(".parquet")).findFirst()
                    .orElseThrow();
            injected = Files.copy(part, movies.resolve("part-99999-injected.parquet"));
        }
        try {
            // a SparkException: checked, thrown undeclared by Scala code
            Throwable failure = assertThrows(Exception.class, () -> job().run());
            assertTrue(String.valueOf(failure).contains("must be no longer than 512 bytes"), String.valueOf(failure));
        } finally {
            Files.delete(injected);
        }

        assertEquals(before, published(ingestRun));
        assertEquals(fixture.movies.size(), client.count(c -> c.index(names.alias(IndexSchema.MOVIE_VECTORS))).count());
    }

    /** What readers and later jobs see: where the alias points, every vectors index, VECTORS and the run's folders. */
    private record Published(Set<String> alias, List<String> indices, String vectors, List<String> runFolders) {
    }

    private Published published(String ingestRun) throws IOException {
        List<String> runFolders;
        try (Stream<Path> files = Files.list(Path.of(URI.create(storage.runDir(ingestRun))))) {
            runFolders = files.filter(Files::isDirectory).map(file -> file.getFileName().toString()).sorted().toList();
        }
        return new Published(lifecycle.aliasTargets(IndexSchema.MOVIE_VECTORS),
                lifecycle.physicalIndices(IndexSchema.MOVIE_VECTORS), storage.vectorsOf(ingestRun), runFolders);
    }

    private List<JsonNode> movieDocuments() throws IOException {
        List<JsonNode> movies = new ArrayList<>();
        client.search(s -> s.index(names.alias(IndexSchema.MOVIES)).size(1000), ObjectNode.class).hits().hits()
                .forEach(hit -> movies.add(hit.source()));
        return movies;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }
}
