package recsys.online.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.features.RatedMovie;
import recsys.core.index.UserFields;

/**
 * The part of a {@code users} document the read side uses: the rating history (parallel arrays, oldest first) and
 * the derived precomputed list, if any.
 */
public record UserDocument(@JsonProperty(UserFields.USER_ID) String userId,
                           @JsonProperty(UserFields.MOVIE_IDS) List<String> movieIds,
                           @JsonProperty(UserFields.RATINGS) List<Double> ratings,
                           @JsonProperty(UserFields.TIMESTAMPS) List<Long> timestamps,
                           @JsonProperty(UserFields.RECOMMENDATIONS) @Nullable StoredRecommendations recommendations) {

    public UserDocument {
        movieIds = movieIds == null ? List.of() : List.copyOf(movieIds);
        ratings = ratings == null ? List.of() : List.copyOf(ratings);
        timestamps = timestamps == null ? List.of() : List.copyOf(timestamps);
        if (movieIds.size() != ratings.size()) {
            throw new IllegalStateException("user " + userId + " has " + movieIds.size() + " movie ids but "
                    + ratings.size() + " ratings");
        }
    }

    @JsonIgnore
    public int ratingCount() {
        return movieIds.size();
    }

    /** The history as the feature encoder takes it; a movie listed twice keeps its last (most recent) rating. */
    @JsonIgnore
    public List<RatedMovie> ratedMovies() {
        Map<String, RatedMovie> latest = new LinkedHashMap<>();
        for (int i = 0; i < movieIds.size(); i++) {
            latest.put(movieIds.get(i), new RatedMovie(movieIds.get(i), ratings.get(i)));
        }
        return List.copyOf(latest.values());
    }

    @JsonIgnore
    public Set<String> ratedIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(movieIds));
    }

    /**
     * The rated movies' ids, most recent first: by timestamp, and on equal (or missing) timestamps by position, later
     * first (the arrays are kept oldest first).
     */
    @JsonIgnore
    public List<String> historyMostRecentFirst() {
        List<Integer> order = new ArrayList<>(movieIds.size());
        for (int i = movieIds.size() - 1; i >= 0; i--) {
            order.add(i);
        }
        if (timestamps.size() == movieIds.size()) {
            order.sort(Comparator.comparing((Integer i) -> timestamps.get(i)).reversed());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i : order) {
            seen.add(movieIds.get(i));
        }
        return List.copyOf(seen);
    }

    @JsonIgnore
    public String ratingsFingerprint() {
        return UserFields.ratingsFingerprint(movieIds, ratings);
    }
}
