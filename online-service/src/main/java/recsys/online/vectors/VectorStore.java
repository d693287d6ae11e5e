package recsys.online.vectors;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.elasticsearch.ElasticsearchCalls;
import recsys.online.movieupdate.RecentMovies;

/**
 * Reads the {@code movie_vectors} index: nearest neighbours (HNSW kNN) and stored vectors. Nearest-neighbour
 * searches also see the movies this instance has just written and a search may not see yet ({@link RecentMovies}).
 */
@Singleton
public class VectorStore {

    /** Elasticsearch's default {@code index.max_terms_count}: the most ids one terms query may list. */
    static final int MAX_TERMS = 65_536;

    private static final String FIELD = "movie_vector";
    private static final String ID_FIELD = "movie_id";
    /** {@code stored_fields} value that reads none, {@code _id} included. */
    private static final String NO_STORED_FIELDS = "_none_";

    /** One kNN clause: the neighbours of {@code vector}, their scores multiplied by {@code weight}. */
    public record Probe(float[] vector, float weight) {

        /**
         * A probe along a (user profile) vector, or null when the vector is all zeros in floats: cosine similarity
         * is undefined for the zero vector, which a user who rates every movie alike has.
         */
        public static Probe along(double[] vector, float weight) {
            float[] floats = new float[vector.length];
            boolean nonZero = false;
            for (int i = 0; i < vector.length; i++) {
                floats[i] = (float) vector[i];
                nonZero |= floats[i] != 0f;
            }
            return nonZero ? new Probe(floats, weight) : null;
        }
    }

    /** A movie found by a kNN search and its (summed, weighted) similarity score. */
    public record Neighbour(String movieId, double score) {
    }

    record VectorDocument(@JsonProperty("movie_vector") float[] vector) {
    }

    private final ElasticsearchClient client;
    private final RecentMovies recent;
    private final String alias;

    public VectorStore(ElasticsearchClient client, IndexNames names, RecentMovies recent) {
        this.client = client;
        this.recent = recent;
        this.alias = names.alias(IndexSchema.MOVIE_VECTORS);
    }

    /**
     * The movies nearest to the probes, best first: one top-level kNN search with one clause per probe, so
     * Elasticsearch sums the weighted scores of a movie near several probes. Movies in {@code excluded} are filtered
     * out inside the search, so they do not use up any of the k places.
     *
     * <p>The movies this instance wrote that the search may not see yet ({@link RecentMovies}) are merged in with
     * the score Elasticsearch would give them ({@link #knnScore}); a hit of the search with the same id is dropped,
     * since its vector may be an older one. One difference remains until the refresh: Elasticsearch adds a clause's
     * score only for movies among that clause's k nearest, while a merged movie gets every clause's score, so with
     * several probes it can rank a little higher than it will once the search sees it.
     *
     * @param k          neighbours per probe
     * @param size       movies returned at most
     */
    public List<Neighbour> nearest(List<Probe> probes, Collection<String> excluded, int k, int size) {
        if (probes.isEmpty()) {
            return List.of();
        }
        // read before the search: a movie that has left it was published by a refresh that ended before, so the
        // search sees it; read after, a refresh ending during the search could hide it from both
        Map<String, RecentMovies.Entry> written = recent.movies();
        Query filter = Query.of(q -> q.bool(b -> b.mustNot(m -> m.ids(i -> i.values(List.copyOf(excluded))))));
        List<KnnSearch> clauses = new ArrayList<>();
        for (Probe probe : probes) {
            clauses.add(KnnSearch.of(n -> n.field(FIELD).queryVector(toList(probe.vector())).k(k)
                    .numCandidates(Math.max(k, Math.min(10_000, 2 * k))).boost(probe.weight()).filter(filter)));
        }
        // The ids come from the movie_id doc values, with no stored field read at all: a hit's _id sits in the same
        // compressed stored-field block as its _source, whose 384 floats made loading 300 ids cost more than the
        // search itself (p50 17 ms against 7 ms without, on ml-latest-small with the machine loaded)
        SearchResponse<Void> response = ElasticsearchCalls.call("find nearest movies",
                () -> client.search(s -> s.index(alias).knn(clauses).size(size).source(src -> src.fetch(false))
                        .storedFields(NO_STORED_FIELDS).docvalueFields(f -> f.field(ID_FIELD)), Void.class));
        List<Neighbour> neighbours = new ArrayList<>();
        for (Hit<Void> hit : response.hits().hits()) {
            String movieId = movieId(hit);
            if (!written.containsKey(movieId)) {
                neighbours.add(new Neighbour(movieId, hit.score() == null ? 0 : hit.score()));
            }
        }
        if (written.isEmpty()) {
            return neighbours;
        }
        for (RecentMovies.Entry movie : written.values()) {
            if (!excluded.contains(movie.movieId())) {
                neighbours.add(new Neighbour(movie.movieId(), knnScore(probes, movie.vector())));
            }
        }
        neighbours.sort(Comparator.comparingDouble(Neighbour::score).reversed());
        return neighbours.size() > size ? List.copyOf(neighbours.subList(0, size)) : neighbours;
    }

    /**
     * The score a kNN search with {@code probes} gives a movie with {@code vector} that is among every clause's k
     * nearest: the sum over clauses of the clause's boost times the {@code cosine} similarity's score,
     * {@code (1 + cosine) / 2} (the mapping's {@code similarity: cosine}; the score is kept non-negative that way).
     */
    public static double knnScore(List<Probe> probes, float[] vector) {
        double vectorNorm = norm(vector);
        double score = 0;
        for (Probe probe : probes) {
            double cosine = 0;
            double probeNorm = norm(probe.vector());
            if (vectorNorm > 0 && probeNorm > 0) {
                double dot = 0;
                for (int i = 0; i < vector.length; i++) {
                    dot += (double) probe.vector()[i] * vector[i];
                }
                cosine = dot / (probeNorm * vectorNorm);
            }
            score += probe.weight() * (1 + cosine) / 2;
        }
        return score;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** A hit's movie id, from the doc values it was asked with. */
    private static String movieId(Hit<Void> hit) {
        JsonData values = hit.fields().get(ID_FIELD);
        String[] ids = values == null ? null : values.to(String[].class);
        if (ids == null || ids.length != 1) {
            throw new IllegalStateException("a movie_vectors hit without one movie_id: " + hit.fields());
        }
        return ids[0];
    }

    /**
     * Every movie of the index that is not in {@code known}, with its vector, or empty when there are more than
     * {@code max} (then a kNN search is the cheaper way to find the relevant ones). One search whose filter lists
     * the known ids, in terms queries of at most {@value #MAX_TERMS} ids each: Elasticsearch refuses a longer one by
     * default ({@code index.max_terms_count}), and ml-32m's catalogue alone has 87,585 movies.
     */
    public Optional<Map<String, float[]>> allExcept(Collection<String> known, int max) {
        List<FieldValue> ids = known.stream().map(FieldValue::of).toList();
        List<Query> excluded = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_TERMS) {
            excluded.add(termsOf(ids.subList(from, Math.min(from + MAX_TERMS, ids.size()))));
        }
        SearchResponse<IdentifiedVector> response = ElasticsearchCalls.call("read the movies the model lacks",
                () -> client.search(s -> s.index(alias).size(max + 1).trackTotalHits(t -> t.enabled(false))
                        .query(q -> q.bool(b -> b.mustNot(excluded))), IdentifiedVector.class));
        List<Hit<IdentifiedVector>> hits = response.hits().hits();
        if (hits.size() > max) {
            return Optional.empty();
        }
        Map<String, float[]> found = new HashMap<>();
        for (Hit<IdentifiedVector> hit : hits) {
            if (hit.source() != null && hit.source().vector() != null) {
                found.put(hit.source().movieId(), hit.source().vector());
            }
        }
        return Optional.of(found);
    }

    private static Query termsOf(List<FieldValue> ids) {
        return Query.of(q -> q.terms(t -> t.field(ID_FIELD).terms(v -> v.value(ids))));
    }

    record IdentifiedVector(@JsonProperty("movie_id") String movieId,
                            @JsonProperty("movie_vector") float[] vector) {
    }

    /** The stored vectors of the movies among {@code ids} that have one. */
    public Map<String, float[]> vectors(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        MgetResponse<VectorDocument> response = ElasticsearchCalls.call("read " + ids.size() + " movie vectors",
                () -> client.mget(m -> m.index(alias).ids(ids), VectorDocument.class));
        Map<String, float[]> found = new HashMap<>();
        for (MultiGetResponseItem<VectorDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null
                    && item.result().source().vector() != null) {
                found.put(item.result().id(), item.result().source().vector());
            }
        }
        return found;
    }

    private static List<Float> toList(float[] vector) {
        List<Float> list = new ArrayList<>(vector.length);
        for (float v : vector) {
            list.add(v);
        }
        return list;
    }
}
