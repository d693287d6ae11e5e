package recsys.online.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.RatedMovie;
import recsys.core.features.UserProfile;
import recsys.core.index.IndexNames;
import recsys.core.model.BiasBaseline;
import recsys.core.model.BiasBaselineFormat;
import recsys.core.model.HybridModel;
import recsys.core.model.ModelStore;
import recsys.core.model.RegressionTree;
import recsys.core.model.TreeEnsemble;
import recsys.core.ranking.Candidate;
import recsys.online.testing.FixtureData;
import recsys.online.testing.JsonHttp;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.PublishedModels;

/**
 * The hybrid (biases + residual trees) serves like a forest: the loader reads the version's biases beside its
 * trees, a prediction is {@code clip(μ + b_u + b_i + trees)} with the user's bias recomputed from their current
 * ratings, and the model path ranks by it. Whether the fixture's own train run picks the hybrid depends on its
 * validation errors, so this test publishes one: the trained version's encoder state and biases with small
 * hand-built residual trees (they only need to differ per movie so the ranking depends on them).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HybridServingTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    ServingModels models;
    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private Path storage;

    @Override
    public Map<String, String> getProperties() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        storage = fixture.newFolder("hybrid-storage-");
        PublishedModels.copyModels(fixture.storage(), storage);
        return fixture.serviceProperties(Map.of("recsys.storage", storage.toString(),
                "recsys.model-poll-interval", "200ms"));
    }

    @Test
    void aPublishedHybridIsLoadedAndRanksTheModelPath() throws Exception {
        ServingModel trained = models.current().orElseThrow();
        FeatureEncoder encoder = trained.encoder();
        int features = encoder.embeddingFeatureNames().size();
        // two trees on two of the encoder's features, so predictions differ across users and movies
        TreeEnsemble trees = TreeEnsemble.gradientBoosted(features, List.of(
                RegressionTree.builder(3).split(0, 1, 0.0, 1, 2).leaf(1, -0.4).leaf(2, 0.3).build(),
                RegressionTree.builder(3).split(0, features - 1, 0.0, 1, 2).leaf(1, 0.2).leaf(2, -0.1).build()),
                new double[] {1.0, 0.5});
        String version = trained.version() + "-hybrid";
        PublishedModels.publishHybridOfCurrent(storage, version, trees, encoder.embeddingFeatureNames());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!models.current().map(ServingModel::version).orElse("").equals(version)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ServingModel hybrid = models.current().orElseThrow();
        assertEquals(version, hybrid.version());
        assertNotNull(hybrid.model().hybrid(), "the loader built the hybrid");
        BiasBaseline biases;
        try (InputStream in = Files.newInputStream(ModelStore.load(storage, version)
                .path(recsys.core.model.VersionLayout.BIASES))) {
            biases = BiasBaselineFormat.read(in);
        }
        assertEquals(biases, hybrid.model().hybrid().biases());
        assertEquals(trees, hybrid.model().trees());

        // a copy of fixture user 7 under a new id: no stored bias applies, the bias comes from the current ratings
        FixtureData data = new FixtureData(client, names);
        String user = data.copyOfUser("7", "hybrid");
        List<RatedMovie> ratings = data.ratings(user);
        assertTrue(ratings.size() >= 20, "user 7 takes the model path");
        assertEquals(0.0, biases.userBias(user));
        double currentBias = biases.userBiasOf(ratings);
        assertTrue(currentBias != 0.0 && Double.isFinite(currentBias), "bias " + currentBias);

        ServingModel.UserScorer scorer = hybrid.forUser(ratings);
        UserProfile profile = encoder.profile(ratings);
        HybridModel expected = new HybridModel(biases, trees);
        for (String movie : List.of("1", "2", "3", "40", "80")) {
            double[] x = encoder.embeddingFeatures(profile, movie);
            double byHand = BiasBaseline.clip(BiasBaseline.clip(biases.globalMean() + currentBias
                    + biases.itemBias(movie)) + trees.predict(x));
            assertEquals(byHand, scorer.predict(movie), 1e-12, movie);
            assertEquals(expected.predict(currentBias, movie, x), scorer.predict(movie), 0.0, movie);
        }

        JsonHttp.Response response = new JsonHttp(server.getURL())
                .get("/recommendations?user_id=" + user + "&returnMetadata=false&limit=20");
        assertEquals(200, response.status(), response.body());
        assertEquals("model", response.header("X-Recsys-Ranking").orElseThrow());
        assertEquals(version, response.header("X-Recsys-Model").orElseThrow());
        List<String> returned = new ArrayList<>();
        response.json().get("items").forEach(item -> returned.add(item.get("movie_id").asText()));
        assertEquals(20, returned.size(), response.body());
        double previous = Double.POSITIVE_INFINITY;
        for (String id : returned) {
            double score = hybrid.ranker().score(new Candidate(id, scorer.predict(id), hybrid.ratingCount(id),
                    hybrid.dampedMean(id), List.of()));
            assertTrue(score <= previous + 1e-12, "scores must not increase: " + id + " " + score + " > " + previous);
            previous = score;
        }
    }
}
