package recsys.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state file: a round trip gives the same state and the same features; damaged files are refused. */
class EncoderStateTest {

    private static byte[] bytes(EncoderState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.write(out);
        return out.toByteArray();
    }

    @Test
    void roundTripKeepsEveryFieldAndFeature() throws IOException {
        EncoderState state = FeatureEncoderTest.tinyState();
        EncoderState read = EncoderState.read(new ByteArrayInputStream(bytes(state)));
        assertEquals(state.parameters(), read.parameters());
        assertEquals(state.movies().keySet(), read.movies().keySet());
        for (MovieEntry expected : state.movies().values()) {
            MovieEntry actual = read.movie(expected.movieId());
            assertEquals(expected.ratingCount(), actual.ratingCount());
            assertEquals(expected.ratingSum(), actual.ratingSum());
            assertEquals(expected.year(), actual.year());
            assertArrayEquals(expected.genreIndices(), actual.genreIndices());
            assertEquals(expected.tags(), actual.tags());
            assertTrue(Arrays.equals(expected.vector(), actual.vector()));
        }
        FeatureEncoder before = new FeatureEncoder(state);
        FeatureEncoder after = new FeatureEncoder(read);
        List<RatedMovie> history = List.of(new RatedMovie("1", 4), new RatedMovie("2", 1.5));
        for (String movie : List.of("1", "2", "3", "99")) {
            assertArrayEquals(before.embeddingFeatures(before.profile(history), movie),
                    after.embeddingFeatures(after.profile(history), movie), 0);
            assertEquals(before.sparseFeatures(before.profile(history), movie),
                    after.sparseFeatures(after.profile(history), movie));
        }
        assertArrayEquals(bytes(state), bytes(read));
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        byte[] good = bytes(FeatureEncoderTest.tinyState());
        byte[] corrupted = good.clone();
        corrupted[good.length / 2] ^= 1;
        assertThrows(IOException.class, () -> EncoderState.read(new ByteArrayInputStream(corrupted)));
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertThrows(IOException.class, () -> EncoderState.read(new ByteArrayInputStream(truncated)));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IOException.class, () -> EncoderState.read(new ByteArrayInputStream(longer)));
        byte[] otherVersion = good.clone();
        otherVersion[7] = 9;
        IOException e = assertThrows(IOException.class,
                () -> EncoderState.read(new ByteArrayInputStream(otherVersion)));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EncoderState.of(FeatureEncoderTest.tinyState().parameters(),
                List.of(new MovieEntry("x", 0, 0, null, new int[] {5}, List.of(), null))));
    }
}
