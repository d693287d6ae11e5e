package recsys.online.movieupdate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.elasticsearch.ElasticsearchCalls;

/**
 * Writes movies and their vectors in one bulk request: per movie, an upsert of the {@code movies} document and a
 * full write of its {@code movie_vectors} document.
 *
 * <p>The upsert replaces what the request describes (title, year, genres, tags) and keeps what it does not: the
 * links ({@code imdb_id}, {@code tmdb_id}) and the rating statistics ingest computed. A new movie starts with
 * {@code rating_count} 0 and no mean, as ingest writes a movie nobody rated.
 *
 * <p>{@code refresh=true}: a new movie must be recommendable as soon as the request returns, so both indices are
 * refreshed before the answer. {@code wait_for} would do the same by waiting for the next scheduled refresh, up to
 * a second per request; an explicit refresh of two small shards costs a few milliseconds (docs/benchmarks.md).
 * Writes go through the aliases only ({@code require_alias}).
 */
@Singleton
public class MovieWriteStore {

    private final ElasticsearchClient client;
    private final String movies;
    private final String vectors;

    public MovieWriteStore(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.movies = names.alias(IndexSchema.MOVIES);
        this.vectors = names.alias(IndexSchema.MOVIE_VECTORS);
    }

    /** @return how many of the movies were new */
    public int write(List<MovieUpdate> updates, List<float[]> vectorsOfUpdates) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().requireAlias(true).refresh(Refresh.True);
        for (int i = 0; i < updates.size(); i++) {
            MovieUpdate movie = updates.get(i);
            float[] vector = vectorsOfUpdates.get(i);
            Map<String, Object> described = described(movie);
            Map<String, Object> whenNew = new LinkedHashMap<>();
            whenNew.put(IndexSchema.MOVIES.idField(), movie.movieId());
            whenNew.putAll(described);
            whenNew.put("rating_count", 0);
            bulk.operations(op -> op.update(u -> u.index(movies).id(movie.movieId())
                    .action(a -> a.doc(described).upsert(whenNew))));
            Map<String, Object> vectorDocument = Map.of(IndexSchema.MOVIE_VECTORS.idField(), movie.movieId(),
                    "movie_vector", vector);
            bulk.operations(op -> op.index(x -> x.index(vectors).id(movie.movieId()).document(vectorDocument)));
        }
        BulkResponse response = ElasticsearchCalls.call("write movies", () -> client.bulk(bulk.build()));
        int created = 0;
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() != null) {
                throw ElasticsearchCalls.classify("write movie " + item.id() + " to " + item.index(),
                        item.status(), item.error());
            }
            // items answer the operations in order: even ones are the movie upserts, 201 when it was new
            if (i % 2 == 0 && item.status() == 201) {
                created++;
            }
        }
        return created;
    }

    /** The fields a request describes; a null year is written as null so an old year does not survive a new title. */
    private static Map<String, Object> described(MovieUpdate movie) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", movie.title());
        fields.put("year", movie.year());
        fields.put("genres", movie.genres());
        fields.put("tags", movie.tags());
        return fields;
    }
}
