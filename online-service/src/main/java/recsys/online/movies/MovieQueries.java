package recsys.online.movies;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import recsys.core.filter.GenreMode;
import recsys.core.filter.MovieFilter;

/**
 * Core's {@link MovieFilter} as an Elasticsearch query on the {@code movies} index: the same rule as its in-memory
 * {@code accepts}, for the movies the model's catalogue does not hold (popularity lists, movies added online).
 */
final class MovieQueries {

    private static final String GENRES = "genres";
    private static final String YEAR = "year";

    private MovieQueries() {
    }

    static Query filter(MovieFilter filter) {
        if (filter.acceptsAll()) {
            return Query.of(q -> q.matchAll(a -> a));
        }
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (!filter.genres().isEmpty()) {
            if (filter.genreMode() == GenreMode.ALL) {
                filter.genres().stream().sorted().forEach(genre ->
                        bool.filter(f -> f.term(t -> t.field(GENRES).value(genre))));
            } else {
                bool.filter(f -> f.terms(t -> t.field(GENRES).terms(v -> v.value(values(filter.genres())))));
            }
        }
        if (!filter.excludedGenres().isEmpty()) {
            bool.mustNot(f -> f.terms(t -> t.field(GENRES).terms(v -> v.value(values(filter.excludedGenres())))));
        }
        if (filter.yearFrom() != null || filter.yearTo() != null) {
            bool.filter(f -> f.range(r -> r.number(n -> {
                n.field(YEAR);
                if (filter.yearFrom() != null) {
                    n.gte(filter.yearFrom().doubleValue());
                }
                if (filter.yearTo() != null) {
                    n.lte(filter.yearTo().doubleValue());
                }
                return n;
            })));
        }
        if (!filter.excludedIds().isEmpty()) {
            bool.mustNot(f -> f.ids(i -> i.values(filter.excludedIds().stream().sorted().toList())));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    private static List<FieldValue> values(java.util.Set<String> values) {
        return values.stream().sorted().map(FieldValue::of).toList();
    }
}
