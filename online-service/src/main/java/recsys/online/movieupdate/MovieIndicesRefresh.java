package recsys.online.movieupdate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.RefreshResponse;
import jakarta.inject.Singleton;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.error.ElasticsearchUnavailableException;

/**
 * The background refresh {@link RecentMovies} runs: one {@code _refresh} of the {@code movies} and
 * {@code movie_vectors} aliases, which publishes to searches everything written to them before it started. A shard
 * that failed to refresh counts as a failure, so the movies stay merged in and the refresh is tried again.
 */
@Singleton
public class MovieIndicesRefresh implements RecentMovies.Refresh {

    private final ElasticsearchClient client;
    private final String movies;
    private final String vectors;

    public MovieIndicesRefresh(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.movies = names.alias(IndexSchema.MOVIES);
        this.vectors = names.alias(IndexSchema.MOVIE_VECTORS);
    }

    @Override
    public void run() {
        RefreshResponse response = ElasticsearchCalls.call("refresh " + movies + " and " + vectors,
                () -> client.indices().refresh(r -> r.index(movies, vectors)));
        if (response.shards().failed().intValue() > 0) {
            throw new ElasticsearchUnavailableException("refresh of " + movies + " and " + vectors + ": "
                    + response.shards().failed() + " of " + response.shards().total() + " shards failed", null);
        }
    }
}
