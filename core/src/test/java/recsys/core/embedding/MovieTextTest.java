package recsys.core.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MovieTextTest {

    @Test
    void titleGenresThenTags() {
        assertEquals("Toy Story (1995). Genres: Adventure, Animation, Children. Tags: pixar, fun.",
                MovieText.of("Toy Story (1995)", List.of("Adventure", "Animation", "Children"), List.of("pixar", "fun")));
    }

    @Test
    void missingGenresOrTagsLeaveTheirSentenceOut() {
        assertEquals("Heat (1995).", MovieText.of("Heat (1995)", null, null));
        assertEquals("Heat (1995).", MovieText.of("Heat (1995)", List.of(), List.of()));
        assertEquals("Heat (1995). Tags: heist.", MovieText.of("Heat (1995)", List.of(), List.of("heist")));
        assertEquals("Heat (1995). Genres: Crime.", MovieText.of("Heat (1995)", List.of("Crime"), null));
    }

    @Test
    void blanksNullsPlaceholdersAndDuplicatesAreDropped() {
        List<String> genres = Arrays.asList("(no genres listed)", null, "  ", "Drama", "drama");
        List<String> tags = Arrays.asList(" dark   comedy ", "Dark Comedy", "", null, "satire");
        assertEquals("Film (2000). Genres: Drama. Tags: dark comedy, satire.", MovieText.of("Film (2000)", genres, tags));
    }

    @Test
    void keepsTheFirstTagsUpToTheCap() {
        List<String> tags = IntStream.rangeClosed(1, 25).mapToObj(i -> "tag" + i).toList();
        String expected = IntStream.rangeClosed(1, MovieText.MAX_TAGS).mapToObj(i -> "tag" + i)
                .collect(Collectors.joining(", ", "X (1999). Tags: ", "."));
        assertEquals(expected, MovieText.of("X (1999)", null, tags));
    }

    @Test
    void duplicatesDoNotUseUpTheCap() {
        List<String> tags = new ArrayList<>();
        for (int i = 1; i <= MovieText.MAX_TAGS; i++) {
            tags.add("tag" + i);
            tags.add("TAG" + i);
        }
        assertEquals(MovieText.MAX_TAGS, MovieText.of("X", null, tags).split(",").length);
    }

    @Test
    void capsGenres() {
        List<String> genres = IntStream.rangeClosed(1, 15).mapToObj(i -> "g" + i).toList();
        assertEquals(MovieText.MAX_GENRES, MovieText.of("X", genres, null).split(",").length);
    }

    @Test
    void longTagsAreCutAtAWordBoundary() {
        String tag = "a tag that somebody wrote as a whole sentence about the movie";
        String text = MovieText.of("X (1999)", null, List.of(tag));
        assertEquals("X (1999). Tags: a tag that somebody wrote as a whole.", text);
        String oneWord = "x".repeat(60);
        assertEquals("X (1999). Tags: " + "x".repeat(MovieText.MAX_TAG_CHARS) + ".",
                MovieText.of("X (1999)", null, List.of(oneWord)));
    }

    @Test
    void trailingEnglishArticleMovesToTheFront() {
        assertEquals("The American President (1995).", MovieText.of("American President, The (1995)", null, null));
        assertEquals("A Perfect World (1993).", MovieText.of("Perfect World, A (1993)", null, null));
        assertEquals("The City of Lost Children (Cité des enfants perdus, La) (1995).",
                MovieText.of("City of Lost Children, The (Cité des enfants perdus, La) (1995)", null, null));
        assertEquals("The Good, the Bad and the Ugly (Buono, il brutto, il cattivo, Il) (1966).",
                MovieText.of("Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)", null, null));
        // not a trailing article
        assertEquals("Sex, Lies, and Videotape (1989).", MovieText.of("Sex, Lies, and Videotape (1989)", null, null));
        assertEquals("Haine, La (Hate) (1995).", MovieText.of("Haine, La (Hate) (1995)", null, null));
    }

    @Test
    void titleEndingASentenceGetsNoExtraFullStop() {
        assertEquals("Airplane! Genres: Comedy.", MovieText.of("Airplane!", List.of("Comedy"), null));
        assertEquals("Whatever Works.", MovieText.of("  Whatever\tWorks ", null, null));
    }

    @Test
    void titleIsRequired() {
        assertThrows(NullPointerException.class, () -> MovieText.of(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> MovieText.of("  ", List.of("Drama"), null));
    }
}
