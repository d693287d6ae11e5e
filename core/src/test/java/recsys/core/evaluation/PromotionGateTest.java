package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private static final PromotionGate GATE = new PromotionGate(0.02);
    private static final PromotionGate.Quality SERVING = new PromotionGate.Quality(0.85, 0.30, 0.86, 0.32);

    @Test
    void theFirstVersionIsPromoted() {
        assertTrue(GATE.judge(SERVING, Optional.empty()).promote());
    }

    @Test
    void aVersionWithinTheToleranceOnEveryFigureIsPromoted() {
        // each figure just inside its limit: RMSE up to 2% higher, NDCG down to 2% lower
        PromotionGate.Quality candidate = new PromotionGate.Quality(0.85 * 1.0199, 0.30 * 0.9801, 0.86, 0.32 * 0.99);
        PromotionGate.Verdict verdict = GATE.judge(candidate, Optional.of(SERVING));
        assertTrue(verdict.promote(), verdict.describe());
        assertEquals(4, verdict.reasons().size());
    }

    @Test
    void oneFigureBeyondTheToleranceKeepsTheServingVersionAndIsNamed() {
        for (int figure = 0; figure < 4; figure++) {
            double[] values = {0.85, 0.30, 0.86, 0.32};
            boolean rmse = figure % 2 == 0;
            values[figure] *= rmse ? 1.021 : 0.979;
            PromotionGate.Verdict verdict = GATE.judge(new PromotionGate.Quality(values[0], values[1], values[2],
                    values[3]), Optional.of(SERVING));
            assertFalse(verdict.promote(), verdict.describe());
            assertEquals(1, verdict.reasons().size(), verdict.describe());
            String expected = (figure < 2 ? "validation " : "test ") + (rmse ? "RMSE" : "NDCG@10");
            assertTrue(verdict.reasons().get(0).startsWith(expected), verdict.describe());
        }
    }

    @Test
    void theToleranceMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new PromotionGate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionGate(1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionGate(Double.NaN));
    }
}
