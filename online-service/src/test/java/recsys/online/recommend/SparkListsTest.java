package recsys.online.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import recsys.core.topn.TopNCatalogue;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.testing.OfflineFixture;
import recsys.online.testing.TopNVersions;
import recsys.online.users.StoredRecommendations;
import recsys.online.users.UserDocument;
import recsys.online.users.UserStore;

/**
 * Online equals offline: the fixture's pipeline trains a version with a top-N ranking and the {@code lists} job
 * ranks every user in Spark (core's TopNModel inside Spark tasks, fed by elasticsearch-spark) and stores the lists
 * in the user documents; the service, ranking the same users from the same documents with the same version, gets
 * the same lists, for every user of the generated fixture.
 *
 * <p>The fixture's indices are shared with other test classes, some of which add movies through
 * {@code /update_movie}; the service ranks those by content (Spark, having ranked before they existed, cannot), so
 * the comparison leaves out the movies the version's catalogue lacks.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkListsTest implements TestPropertyProvider {

    @Inject
    ServingModels models;
    @Inject
    UserStore users;
    @Inject
    RankedListComputer computer;

    @Override
    public Map<String, String> getProperties() {
        return OfflineFixture.get().serviceProperties();
    }

    @Test
    void theListsSparkStoredAreTheListsTheServiceComputesForEveryUser() {
        ServingModel model = models.current().orElseThrow();
        assertTrue(model.hasTopN(), "the trained version carries a top-N ranking");
        TopNCatalogue catalogue = model.topN().catalogue();
        Set<String> fixtureUsers = TopNVersions.fixtureRatedMovies().keySet();
        assertEquals(33, fixtureUsers.size());
        int compared = 0;
        for (String userId : fixtureUsers) {
            UserDocument user = users.find(userId).orElseThrow().document();
            StoredRecommendations stored = user.recommendations();
            assertNotNull(stored, "user " + userId + " has a list stored by the lists job");
            assertEquals(model.version(), stored.modelVersion(), "user " + userId);
            assertEquals("top-n", stored.path());
            assertEquals(user.ratingsFingerprint(), stored.ratingsFingerprint(),
                    "user " + userId + ": the stored list was ranked from the user's current ratings");

            RankedList online = computer.compute(user);

            List<String> known = online.movieIds().stream().filter(id -> catalogue.indexOf(id) >= 0).toList();
            assertEquals(stored.movieIds().subList(0, known.size()), known, "user " + userId);
            assertTrue(known.size() >= stored.movieIds().size() - 20, "user " + userId + ": most of the list is"
                    + " catalogue movies (" + known.size() + " of " + stored.movieIds().size() + ")");
            compared++;
        }
        assertEquals(33, compared);
    }
}
