package recsys.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random strings drawn code point by code point from character pools a test chooses. */
public final class RandomText {

    private RandomText() {
    }

    /**
     * {@code n} strings of 1 to {@code maxLength} code points; each code point comes from a randomly chosen pool,
     * so rare classes (marks, format characters, surrogate pairs) show up next to ordinary letters.
     */
    public static List<String> fromPools(String[] pools, int n, int maxLength, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(maxLength);
            for (int c = 0; c < length; c++) {
                String pool = pools[random.nextInt(pools.length)];
                int index = random.nextInt(pool.codePointCount(0, pool.length()));
                s.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, index)));
            }
            out.add(s.toString());
        }
        return out;
    }
}
