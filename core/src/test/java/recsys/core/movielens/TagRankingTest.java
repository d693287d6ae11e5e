package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagRankingTest {

    @Test
    void mostFrequentFirstThenAlphabetical() {
        List<String> tags = List.of("pixar", "funny", "toys", "pixar", "funny", "pixar", "animation");

        // pixar 3, funny 2, then animation and toys once each, alphabetically
        assertEquals(List.of("pixar", "funny", "animation", "toys"), TagRanking.rank(tags));
    }

    @Test
    void orderDoesNotDependOnInputOrder() {
        assertEquals(TagRanking.rank(List.of("b", "a", "c", "a")), TagRanking.rank(List.of("a", "c", "a", "b")));
    }

    @Test
    void emptyGivesEmpty() {
        assertEquals(List.of(), TagRanking.rank(List.of()));
    }
}
