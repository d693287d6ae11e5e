package recsys.online.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * How many ratings one user may send and keep, {@code recsys.ratings.*} in {@code conf/application.yml}. Every
 * read ranks a user's whole history, so an unbounded one would let a single client make every later request of
 * that user slow and its document grow without end.
 *
 * @param perRequest most ratings of one user in one {@code /update_ratings} request; default 1,000
 * @param history    most ratings one user's history may hold after a write; default 20,000 (the most active
 *                   MovieLens 25M user has about 32,000, the 99.9th percentile about 4,000)
 */
@ConfigurationProperties("recsys.ratings")
public record RatingLimits(
        @Bindable(defaultValue = "1000") @Positive int perRequest,
        @Bindable(defaultValue = "20000") @Positive int history) {
}
