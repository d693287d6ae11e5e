package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserSampleTest {

    private static final List<String> USERS = IntStream.rangeClosed(1, 5_000).mapToObj(Integer::toString).toList();

    @Test
    void theSameIdsAndSeedGiveTheSameSampleInAnyOrder() {
        List<String> shuffled = new ArrayList<>(USERS);
        Collections.shuffle(shuffled, new Random(4));
        UserSample sample = new UserSample(300, 42);
        List<String> chosen = sample.choose(USERS);
        assertEquals(300, chosen.size());
        assertEquals(chosen, sample.choose(shuffled));
        assertEquals(chosen, new UserSample(300, 42).choose(USERS), "a new sample with the same seed");
        assertEquals(chosen.stream().sorted().toList(), chosen, "in id order");
        assertEquals(300, chosen.stream().distinct().count());
        assertTrue(USERS.containsAll(chosen));
    }

    @Test
    void anotherSeedDrawsOtherUsers() {
        List<String> a = new UserSample(300, 42).choose(USERS);
        List<String> b = new UserSample(300, 43).choose(USERS);
        assertNotEquals(a, b);
        long shared = a.stream().filter(b::contains).count();
        // two independent draws of 300 of 5,000 share about 18 users; far more would mean the seed barely matters
        assertTrue(shared < 60, shared + " users shared");
    }

    @Test
    void keepsEveryUserWhenThereAreNoMoreThanTheMaximum() {
        UserSample sample = new UserSample(5_000, 1);
        assertFalse(sample.samples(USERS.size()));
        assertTrue(new UserSample(4_999, 1).samples(USERS.size()));
        assertEquals(USERS.stream().sorted().toList(), sample.choose(USERS));
        assertEquals(List.of("1", "2"), sample.choose(List.of("2", "1", "2")), "distinct ids");
    }

    /** Not the first ids, nor the shortest: the sample does not follow the ids' order. */
    @Test
    void theSampleIsSpreadOverTheIds() {
        List<String> chosen = new UserSample(500, 7).choose(USERS);
        long low = chosen.stream().filter(id -> Integer.parseInt(id) <= 2_500).count();
        assertTrue(low > 200 && low < 300, low + " of 500 in the lower half");
    }

    @Test
    void refusesAnEmptySample() {
        assertThrows(IllegalArgumentException.class, () -> new UserSample(0, 1));
    }
}
