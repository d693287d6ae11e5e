package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenresTest {

    private static List<String> fromPipes(String raw) {
        return Genres.normalise(Genres.splitPipes(raw));
    }

    @Test
    void splitsOnPipesAndTrims() {
        assertEquals(List.of("Adventure", "Animation", "Comedy"), fromPipes("Adventure| Animation |Comedy"));
    }

    @Test
    void placeholdersMeanNoGenres() {
        assertEquals(List.of(), fromPipes("(no genres listed)"));
        assertEquals(List.of(), fromPipes(""));
        assertEquals(List.of(), fromPipes("unknown"));
        assertEquals(List.of(), fromPipes(null));
    }

    @Test
    void childrensIsSpelledTheWayNewerReleasesSpellIt() {
        assertEquals(List.of("Animation", "Children"), fromPipes("Animation|Children's"));
        assertEquals(List.of("Children"), fromPipes("Children"));
    }

    @Test
    void dropsBlanksAndRepeatsKeepingFirstOrder() {
        assertEquals(List.of("Drama", "Children"), fromPipes("Drama||Children's|Children|Drama"));
    }
}
