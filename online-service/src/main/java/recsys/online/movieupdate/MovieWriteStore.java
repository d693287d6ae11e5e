package recsys.online.movieupdate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.MovieDocuments;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.movies.MovieMetadataCache;

/**
 * Writes movies and their vectors in one bulk request: per movie, an upsert of the {@code movies} document and a
 * full write of its {@code movie_vectors} document.
 *
 * <p>The upsert replaces what the request describes (title, year, genres, tags) and keeps what it does not: the
 * links ({@code imdb_id}, {@code tmdb_id}) and the rating statistics ingest computed. A new movie starts with
 * {@code rating_count} 0 and no mean, as ingest writes a movie nobody rated.
 *
 * <p>No refresh inside the request: a new movie must be recommendable as soon as the request returns, but
 * {@code refresh=true} made the refresh most of the request's latency (bulk with refresh p99 41.6 ms against a 30 ms
 * target for the whole request, docs/benchmarks.md) and {@code wait_for} waits up to a second for the scheduled one.
 * Instead the movies written are handed to {@link RecentMovies}, which searches merge in until its background
 * refresh has published them; reads by id (titles, the vectors of rated movies) are realtime and see them at once.
 * Writes go through the aliases only ({@code require_alias}).
 */
@Singleton
public class MovieWriteStore {

    private static final int RETRIES_ON_CONFLICT = 3;

    private final ElasticsearchClient client;
    private final RecentMovies recent;
    private final MovieMetadataCache metadata;
    private final String movies;
    private final String vectors;

    public MovieWriteStore(ElasticsearchClient client, IndexNames names, RecentMovies recent,
                           MovieMetadataCache metadata) {
        this.client = client;
        this.recent = recent;
        this.metadata = metadata;
        this.movies = names.alias(IndexSchema.MOVIES);
        this.vectors = names.alias(IndexSchema.MOVIE_VECTORS);
    }

    /**
     * Writes the movies and records those written whole (document and vector) in {@link RecentMovies}, even when
     * another movie of the batch failed, since they are in the indices either way.
     *
     * @return how many of the movies were new
     */
    public int write(List<MovieUpdate> updates, List<float[]> vectorsOfUpdates) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().requireAlias(true);
        for (int i = 0; i < updates.size(); i++) {
            MovieUpdate movie = updates.get(i);
            float[] vector = vectorsOfUpdates.get(i);
            Map<String, Object> described = MovieDocuments.described(movie.title(), movie.year(), movie.genres(),
                    movie.tags());
            Map<String, Object> whenNew = MovieDocuments.whenNew(movie.movieId(), described);
            // an update reads the document and writes it back; another writer in between (a retrain replaying
            // events, the same movie posted at once) makes that a version conflict, and applying our fields again
            // to what it wrote is the answer
            bulk.operations(op -> op.update(u -> u.index(movies).id(movie.movieId())
                    .retryOnConflict(RETRIES_ON_CONFLICT).action(a -> a.doc(described).upsert(whenNew))));
            Map<String, Object> vectorDocument = MovieDocuments.vector(movie.movieId(), vector);
            bulk.operations(op -> op.index(x -> x.index(vectors).id(movie.movieId()).document(vectorDocument)));
        }
        BulkResponse response;
        try {
            response = ElasticsearchCalls.call("write movies", () -> client.bulk(bulk.build()));
        } finally {
            // even a failed bulk may have written some: this instance's next read of any of them goes to the index
            metadata.forget(updates.stream().map(MovieUpdate::movieId).toList());
        }
        int created = 0;
        List<RecentMovies.Entry> written = new ArrayList<>(updates.size());
        RuntimeException failure = null;
        List<BulkResponseItem> items = response.items();
        // items answer the operations in order: per movie its upsert (201 when it was new), then its vector
        for (int i = 0; i < updates.size(); i++) {
            BulkResponseItem upsert = items.get(2 * i);
            BulkResponseItem vector = items.get(2 * i + 1);
            BulkResponseItem failed = upsert.error() != null ? upsert : vector.error() != null ? vector : null;
            if (failed != null) {
                if (failure == null) {
                    failure = ElasticsearchCalls.classify("write movie " + failed.id() + " to " + failed.index(),
                            failed.status(), failed.error());
                }
                continue;
            }
            MovieUpdate movie = updates.get(i);
            written.add(new RecentMovies.Entry(movie.movieId(), vectorsOfUpdates.get(i), movie.genres(),
                    movie.year()));
            if (upsert.status() == 201) {
                created++;
            }
        }
        recent.record(written);
        if (failure != null) {
            throw failure;
        }
        return created;
    }

    /** The fields a request describes; a null year is written as null so an old year does not survive a new title. */
}
