package recsys.online.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import recsys.core.filter.GenreMode;
import recsys.core.filter.MovieFilter;
import recsys.online.api.QueryParameters;
import recsys.online.api.QueryValues;
import recsys.online.api.RequestIds;
import recsys.online.error.ApiException;

/**
 * The list parameters every listing endpoint shares ({@code /recommendations}, {@code /recommendations/session},
 * {@code /movies/{id}/similar}): the page, the metadata and explanation switches, and the filter. Parsed once here
 * so each endpoint names a bad value the same way.
 *
 * @param limit          items on the page
 * @param offset         items skipped before the page; pages of one model version never overlap
 * @param returnMetadata whether each item carries title, genres and tags
 * @param explain        whether each item carries its reasons
 * @param filter         the filter, with genres as the client wrote them (mapped to the catalogue's spelling by
 *                       {@link GenreNames})
 */
public record ListQuery(int limit, int offset, boolean returnMetadata, boolean explain, MovieFilter filter) {

    public static final String RETURN_METADATA = "returnMetadata";
    public static final String LIMIT = "limit";
    public static final String OFFSET = "offset";
    public static final String EXPLAIN = "explain";
    public static final String GENRE = "genre";
    public static final String GENRE_MODE = "genre_mode";
    public static final String EXCLUDE_GENRE = "exclude_genre";
    public static final String YEAR_FROM = "year_from";
    public static final String YEAR_TO = "year_to";
    public static final String EXCLUDE = "exclude";
    // the parameters' documentation, for every endpoint's OpenAPI annotations
    public static final String LIMIT_DOC = "How many items, 1 to recsys.recommendations.max-limit (100); default 10";
    public static final String OFFSET_DOC = "Items to skip, for paging: offset + limit at most "
            + "recsys.recommendations.max-window (1000); pages of one model version never overlap";
    public static final String RETURN_METADATA_DOC = "true/false/True/False/1/0: add title, genres and tags to each "
            + "item";
    public static final String EXPLAIN_DOC = "true/false/1/0: add reasons to each item: because_you_rated (the rated "
            + "movies contributing most to its score), genre_affinity, popular";
    public static final String GENRE_DOC = "Only movies of these genres: repeat the parameter or join with |, "
            + "e.g. Comedy|Drama (the catalogue's genres, any letter case)";
    public static final String GENRE_MODE_DOC = "any (default): a movie of any of the genres; all: of every one";
    public static final String EXCLUDE_GENRE_DOC = "No movie of these genres: repeat or join with |";
    public static final String YEAR_FROM_DOC = "Only movies released in this year or later (movies without a year "
            + "are left out)";
    public static final String YEAR_TO_DOC = "Only movies released in this year or earlier";
    public static final String EXCLUDE_DOC = "Movie ids never to return: repeat or join with commas";
    static final int MAX_GENRE_LENGTH = 100;
    /** Genres or ids one list parameter may carry; MovieLens has 20 genres. */
    static final int MAX_VALUES = 1000;
    /** The years a release can have, generously: a bound outside them is a typo. */
    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;

    /** The end of the page: the first {@code window} items of the whole list are needed to serve it. */
    public int window() {
        return offset + limit;
    }

    /**
     * @param defaultLimit the limit when none is given
     * @param maxLimit     the largest limit
     * @param maxWindow    the largest offset + limit (how deep a client may page)
     */
    public static ListQuery parse(QueryValues values, int defaultLimit, int maxLimit, int maxWindow) {
        int limit = QueryParameters.boundedInt(LIMIT, values.single(LIMIT), 1, maxLimit, defaultLimit);
        int offset = QueryParameters.boundedInt(OFFSET, values.single(OFFSET), 0, Math.max(0, maxWindow - limit), 0);
        boolean metadata = QueryParameters.booleanValue(RETURN_METADATA, values.single(RETURN_METADATA), false);
        boolean explain = QueryParameters.booleanValue(EXPLAIN, values.single(EXPLAIN), false);
        String modeValue = values.single(GENRE_MODE);
        GenreMode mode = modeValue == null ? GenreMode.ANY : GenreMode.fromLabel(modeValue.trim())
                .orElseThrow(() -> ApiException.badRequest(GENRE_MODE, "must be any or all, was "
                        + RequestIds.show(modeValue)));
        Integer yearFrom = year(YEAR_FROM, values.single(YEAR_FROM));
        Integer yearTo = year(YEAR_TO, values.single(YEAR_TO));
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw ApiException.badRequest(YEAR_FROM, "must not be after year_to (" + yearFrom + " > " + yearTo + ")");
        }
        MovieFilter filter = new MovieFilter(genres(GENRE, values.all(GENRE)), mode,
                genres(EXCLUDE_GENRE, values.all(EXCLUDE_GENRE)), yearFrom, yearTo, ids(values.all(EXCLUDE)));
        return new ListQuery(limit, offset, metadata, explain, filter);
    }

    private static Integer year(String name, String raw) {
        return raw == null ? null : QueryParameters.boundedInt(name, raw, MIN_YEAR, MAX_YEAR, 0);
    }

    /** Repeated or pipe-joined genres ({@code genre=Comedy&genre=Drama} or {@code genre=Comedy|Drama}). */
    static Set<String> genres(String name, List<String> raw) {
        Set<String> genres = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split("\\|", -1)) {
                // before trimming, which would take a trailing NUL or line break away unseen
                if (part.chars().anyMatch(Character::isISOControl)) {
                    throw ApiException.badRequest(name, "contains control characters");
                }
                String genre = part.trim();
                if (genre.isEmpty()) {
                    throw ApiException.badRequest(name, "must not be empty");
                }
                if (genre.length() > MAX_GENRE_LENGTH) {
                    throw ApiException.badRequest(name, "is longer than " + MAX_GENRE_LENGTH + " characters");
                }
                genres.add(genre);
            }
        }
        if (genres.size() > MAX_VALUES) {
            throw ApiException.badRequest(name, "has more than " + MAX_VALUES + " genres");
        }
        return genres;
    }

    /** Repeated or comma-joined movie ids ({@code exclude=1,2&exclude=3}). */
    static Set<String> ids(List<String> raw) {
        List<String> ids = new ArrayList<>();
        for (String value : raw) {
            for (String part : value.split(",", -1)) {
                // spaces after commas are fine ("1, 2"); anything else is checked as sent
                ids.add(RequestIds.check(EXCLUDE, part.replaceAll("^ +| +$", "")));
            }
        }
        if (ids.size() > MAX_VALUES) {
            throw ApiException.badRequest(EXCLUDE, "has more than " + MAX_VALUES + " ids");
        }
        return new LinkedHashSet<>(ids);
    }
}
