package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BiasBaselineTest {

    @Test
    void predictsMeanPlusBiasesWithUnknownIdsAtZeroAndClips() {
        BiasBaseline b = new BiasBaseline(3.5, Map.of("u1", 0.5, "u2", -4.0), Map.of("m1", 1.25), 5, 5);
        assertEquals(5.0, b.predict("u1", "m1"));          // 3.5 + 0.5 + 1.25 = 5.25, clipped
        assertEquals(4.0, b.predict("u1", "unknown"));
        assertEquals(4.75, b.predict("unknown", "m1"));
        assertEquals(3.5, b.predict("unknown", "unknown"));
        assertEquals(0.5, b.predict("u2", "unknown"));      // 3.5 − 4 = −0.5, clipped
        assertEquals(3.5, BiasBaseline.globalMean(3.5).predict("u1", "m1"));
    }

    @Test
    void isImmutableAndRejectsNonFiniteValues() {
        Map<String, Double> users = new HashMap<>(Map.of("u1", 0.5));
        BiasBaseline b = new BiasBaseline(3.0, users, Map.of(), 1, 1);
        users.put("u1", 2.0);
        assertEquals(0.5, b.userBias("u1"));
        assertThrows(UnsupportedOperationException.class, () -> b.userBiases().put("u2", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BiasBaseline(Double.NaN, Map.of(), Map.of(), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new BiasBaseline(3, Map.of("u", Double.POSITIVE_INFINITY), Map.of(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BiasBaseline(3, Map.of(), Map.of(), -1, 0));
    }
}
