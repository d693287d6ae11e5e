package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovieTagsTest {

    @Test
    void normalisesLikeIngestAndKeepsTheGivenOrder() {
        assertEquals(List.of("pixar", "dark comedy", "fun"),
                MovieTags.normalise(List.of(" Pixar", "dark \t Comedy", "fun", "PIXAR", "  ")));
    }

    @Test
    void nullAndBlankTagsAreDropped() {
        assertEquals(List.of(), MovieTags.normalise(Arrays.asList(null, "", "\u00a0")));
    }
}
