package recsys.online.movies;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import recsys.core.filter.MovieFilter;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.movieupdate.RecentMovies;

/**
 * Reads the {@code movies} index: metadata, title search, the most-rated movies, filter membership and catalogue
 * statistics.
 * Metadata reads are realtime (multi-get); the genre filter is a search and also consults the movies this instance
 * has just written ({@link RecentMovies}), which the search may not see yet.
 */
@Singleton
public class MovieStore {

    private static final String MOVIE_ID = "movie_id";
    private static final String TITLE = "title";
    private static final String GENRES = "genres";
    private static final String TAGS = "tags";
    private static final String RATING_COUNT = "rating_count";
    private static final String RATING_MEAN = "rating_mean";
    /** More distinct genres than any MovieLens release has (20). */
    private static final int MAX_GENRES = 1000;

    private final ElasticsearchClient client;
    private final RecentMovies recent;
    private final MovieMetadataCache cache;
    private final String alias;

    public MovieStore(ElasticsearchClient client, IndexNames names, RecentMovies recent, MovieMetadataCache cache) {
        this.client = client;
        this.recent = recent;
        this.cache = cache;
        this.alias = names.alias(IndexSchema.MOVIES);
    }

    /**
     * Title, genres and tags of the movies that exist among {@code ids}, by id: from memory when kept, else a
     * realtime read ({@link MovieMetadataCache} says how long a change made elsewhere can stay unseen).
     */
    public Map<String, MovieDocument> metadata(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return cache.get(ids, this::read);
    }

    private Map<String, MovieDocument> read(List<String> ids) {
        MgetResponse<MovieDocument> response = ElasticsearchCalls.call("read " + ids.size() + " movies",
                () -> client.mget(m -> m.index(alias).ids(ids).sourceIncludes(MOVIE_ID, TITLE, GENRES, TAGS),
                        MovieDocument.class));
        Map<String, MovieDocument> found = new HashMap<>();
        for (MultiGetResponseItem<MovieDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
            }
        }
        return found;
    }

    /** The {@code size} most-rated movies the filter accepts, most ratings first, then by id. */
    public List<MovieDocument> mostRated(MovieFilter filter, int size) {
        Query query = MovieQueries.filter(filter);
        SearchResponse<MovieDocument> response = ElasticsearchCalls.call("find the most-rated movies",
                () -> client.search(s -> s.index(alias).size(size).query(query)
                        .sort(o -> o.field(f -> f.field(RATING_COUNT).order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field(MOVIE_ID).order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes(MOVIE_ID, GENRES, RATING_COUNT, RATING_MEAN))),
                        MovieDocument.class));
        return sources(response);
    }

    /** The one movie, or empty when the index has none of that id (a realtime read). */
    public Optional<MovieDocument> find(String movieId) {
        return Optional.ofNullable(metadata(List.of(movieId)).get(movieId));
    }

    /**
     * Movies whose title matches the words of {@code text}, best match first (every word must match; the last may
     * be a prefix, so a title is found while it is being typed).
     */
    public List<MovieDocument> searchTitle(String text, int size) {
        SearchResponse<MovieDocument> response = ElasticsearchCalls.call("search titles",
                () -> client.search(s -> s.index(alias).size(size)
                        .query(q -> q.bool(b -> b
                                .must(m -> m.matchBoolPrefix(p -> p.field(TITLE).query(text)
                                        .operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)))
                                .should(sh -> sh.matchPhrase(p -> p.field(TITLE).query(text)))))
                        .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field(RATING_COUNT).order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field(MOVIE_ID).order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes(MOVIE_ID, TITLE, GENRES, TAGS, RATING_COUNT,
                                RATING_MEAN))), MovieDocument.class));
        return sources(response);
    }

    /**
     * Which of {@code ids} the filter accepts: the filter runs in Elasticsearch, except for the movies this instance
     * has just written, which are decided by their genres and year as written (the search may not see them yet, or
     * see an older version).
     */
    public Set<String> matching(List<String> ids, MovieFilter filter) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        if (filter.acceptsAll()) {
            return new HashSet<>(ids);
        }
        // read before the search, for the reason VectorStore.nearest gives
        Map<String, RecentMovies.Entry> written = recent.movies();
        Query query = MovieQueries.filter(filter);
        SearchResponse<Void> response = ElasticsearchCalls.call("filter movies",
                () -> client.search(s -> s.index(alias).size(ids.size()).source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(ids))).filter(query))),
                        Void.class));
        Set<String> matching = new HashSet<>();
        for (Hit<Void> hit : response.hits().hits()) {
            matching.add(hit.id());
        }
        if (!written.isEmpty()) {
            for (String id : ids) {
                RecentMovies.Entry movie = written.get(id);
                if (movie != null && filter.accepts(id, movie.genres(), movie.year())) {
                    matching.add(id);
                } else if (movie != null) {
                    matching.remove(id);
                }
            }
        }
        return matching;
    }

    private static List<MovieDocument> sources(SearchResponse<MovieDocument> response) {
        List<MovieDocument> movies = new ArrayList<>();
        for (Hit<MovieDocument> hit : response.hits().hits()) {
            if (hit.source() != null) {
                movies.add(hit.source());
            }
        }
        return movies;
    }

    /** Genres, global mean and largest rating count, in one aggregation request. */
    public Catalogue catalogue() {
        SearchResponse<Void> response = ElasticsearchCalls.call("read catalogue statistics",
                () -> client.search(s -> s.index(alias).size(0)
                        .aggregations("genres", a -> a.terms(t -> t.field(GENRES).size(MAX_GENRES)))
                        .aggregations("mean", a -> a.weightedAvg(w -> w
                                .value(v -> v.field(RATING_MEAN)).weight(v -> v.field(RATING_COUNT))))
                        .aggregations("max_count", a -> a.max(m -> m.field(RATING_COUNT))), Void.class));
        Map<String, Aggregate> aggregations = response.aggregations();
        List<String> genres = new ArrayList<>();
        for (StringTermsBucket bucket : aggregations.get("genres").sterms().buckets().array()) {
            genres.add(bucket.key().stringValue());
        }
        genres.sort(null);
        Double mean = aggregations.get("mean").weightedAvg().value();
        double maxCount = aggregations.get("max_count").max().value();
        return new Catalogue(genres, mean == null || !Double.isFinite(mean) ? 0 : mean,
                Double.isFinite(maxCount) ? (long) maxCount : 0);
    }
}
