package recsys.online.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import recsys.core.ratings.MovieRating;

class UserRatingsTest {

    @Test
    void aMovieListedTwiceInOneRequestKeepsTheLaterRating() {
        UserRatings user = new UserRatings("1", List.of(new MovieRating("5", 1.0), new MovieRating("6", 2.0),
                new MovieRating("5", 4.0)));

        assertEquals(List.of(new MovieRating("5", 4.0), new MovieRating("6", 2.0)), user.latestPerMovie());
    }
}
