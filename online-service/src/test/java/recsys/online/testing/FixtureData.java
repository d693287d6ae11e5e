package recsys.online.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import recsys.core.features.RatedMovie;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.UserFields;

/**
 * Reads the documents the offline fixture indexed, so tests derive their expectations from the data rather than
 * from numbers written into them.
 */
public final class FixtureData {

    /** Users the fixture writer creates: 30 with about 30 ratings each, and three with 1, 5 and 19. */
    public static final String HEAVY_USER = "1";
    public static final String ONE_RATING_USER = "901";
    public static final String FIVE_RATINGS_USER = "902";
    public static final String NINETEEN_RATINGS_USER = "903";

    private final ElasticsearchClient client;
    private final IndexNames names;

    public FixtureData(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    public JsonNode user(String id) {
        return document(IndexSchema.USERS, id).orElseThrow(() -> new AssertionError("no user " + id));
    }

    public JsonNode movie(String id) {
        return document(IndexSchema.MOVIES, id).orElseThrow(() -> new AssertionError("no movie " + id));
    }

    public Optional<JsonNode> document(IndexSchema schema, String id) {
        try {
            GetResponse<JsonNode> response = client.get(g -> g.index(names.alias(schema)).id(id), JsonNode.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Indexes a copy of a fixture user under a new id, without the derived fields, and returns the id: for tests
     * whose outcome would depend on a list another test (or an earlier run) stored in the original's document.
     */
    public String copyOfUser(String userId, String label) {
        return copyOfUserAs(userId, label + "-copy-of-" + userId + "-" + System.nanoTime());
    }

    /**
     * {@link #copyOfUser} under the id given: digits, for a copy the test then writes through
     * {@code /update_ratings}, which accepts no other ids.
     */
    public String copyOfUserAs(String userId, String newId) {
        ObjectNode copy = (ObjectNode) user(userId).deepCopy();
        UserFields.DERIVED.forEach(copy::remove);
        copy.put(UserFields.USER_ID, newId);
        index(newId, copy);
        return newId;
    }

    /** Writes a user document (refreshing, so the next read sees it). */
    public void index(String id, JsonNode document) {
        try {
            client.index(i -> i.index(names.alias(IndexSchema.USERS)).id(id).document(document)
                    .refresh(Refresh.True));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's stored ratings, in the document's order. */
    public List<RatedMovie> ratings(String userId) {
        JsonNode user = user(userId);
        List<RatedMovie> ratings = new ArrayList<>();
        for (int i = 0; i < user.get("movie_ids").size(); i++) {
            ratings.add(new RatedMovie(user.get("movie_ids").get(i).asText(), user.get("ratings").get(i).asDouble()));
        }
        return ratings;
    }

    public List<String> ratedMovies(String userId) {
        return strings(user(userId).get("movie_ids"));
    }

    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }

    public float[] vector(String movieId) {
        JsonNode vector = document(IndexSchema.MOVIE_VECTORS, movieId)
                .orElseThrow(() -> new AssertionError("no vector of " + movieId)).get("movie_vector");
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) vector.get(i).asDouble();
        }
        return values;
    }
}
