package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MovieLensFormatTest {

    @Test
    void detectsEachFormatFromItsFiles() {
        assertEquals(Optional.of(MovieLensFormat.ML_LATEST_CSV), MovieLensFormat.detect(
                List.of("README.txt", "links.csv", "movies.csv", "ratings.csv", "tags.csv")));
        assertEquals(Optional.of(MovieLensFormat.ML_DAT), MovieLensFormat.detect(
                List.of("movies.dat", "ratings.dat", "users.dat", "README")));
        assertEquals(Optional.of(MovieLensFormat.ML_100K), MovieLensFormat.detect(
                List.of("u.data", "u.item", "u.user", "u.genre", "u1.base")));
    }

    @Test
    void acceptsFullPaths() {
        assertEquals(Optional.of(MovieLensFormat.ML_LATEST_CSV), MovieLensFormat.detect(
                List.of("file:/data/ml-latest-small/movies.csv", "file:/data/ml-latest-small/ratings.csv")));
        assertEquals(Optional.of(MovieLensFormat.ML_DAT), MovieLensFormat.detect(
                List.of("C:\\data\\ml-1m\\movies.dat", "C:\\data\\ml-1m\\ratings.dat")));
    }

    @Test
    void unknownOrIncompleteFolderIsNotDetected() {
        assertEquals(Optional.empty(), MovieLensFormat.detect(List.of()));
        assertEquals(Optional.empty(), MovieLensFormat.detect(List.of("notes.txt", "data.parquet")));
        assertEquals(Optional.empty(), MovieLensFormat.detect(List.of("movies.csv", "tags.csv")));
        assertEquals(Optional.empty(), MovieLensFormat.detect(List.of("movies.csv", "ratings.dat")));
    }

    @Test
    void folderWithTwoReleasesIsAmbiguous() {
        assertEquals(Optional.empty(), MovieLensFormat.detect(
                List.of("movies.csv", "ratings.csv", "movies.dat", "ratings.dat")));
    }

    @Test
    void latestCsvFiles() {
        MovieLensFormat f = MovieLensFormat.ML_LATEST_CSV;
        assertEquals("movies.csv", f.moviesFile());
        assertEquals("ratings.csv", f.ratingsFile());
        assertEquals(Optional.of("tags.csv"), f.tagsFile());
        assertEquals(Optional.of("links.csv"), f.linksFile());
        assertEquals(StandardCharsets.UTF_8, f.charset());
        assertTrue(f.hasHeader());
    }

    @Test
    void datFiles() {
        MovieLensFormat f = MovieLensFormat.ML_DAT;
        assertEquals("movies.dat", f.moviesFile());
        assertEquals("ratings.dat", f.ratingsFile());
        assertEquals(Optional.of("tags.dat"), f.tagsFile());
        assertEquals(Optional.empty(), f.linksFile());
        assertEquals(StandardCharsets.ISO_8859_1, f.charset());
        assertFalse(f.hasHeader());
    }

    @Test
    void ml100kFiles() {
        MovieLensFormat f = MovieLensFormat.ML_100K;
        assertEquals("u.item", f.moviesFile());
        assertEquals("u.data", f.ratingsFile());
        assertEquals(Optional.empty(), f.tagsFile());
        assertEquals(Optional.empty(), f.linksFile());
        assertEquals(StandardCharsets.ISO_8859_1, f.charset());
        assertFalse(f.hasHeader());
    }

    @Test
    void everyFormatSharesTheGenreVocabulary() {
        List<String> expected = List.of("Animation", "Children", "Comedy");
        assertEquals(expected, MovieLensFormat.ML_LATEST_CSV.parser()
                .movie("1,Toy Story (1995),Animation|Children|Comedy").value().genres());
        assertEquals(expected, MovieLensFormat.ML_DAT.parser()
                .movie("1::Toy Story (1995)::Animation|Children's|Comedy").value().genres());
        assertEquals(expected, MovieLensFormat.ML_100K.parser()
                .movie("1|Toy Story (1995)|01-Jan-1995||u|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0").value().genres());
    }
}
