package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sizes a learning curve may try, and its stopping rule. */
class TreeRowBudgetTest {

    @Test
    void noCurveUpToTheFirstSizeThenDoublingsUpToTheRowsOrTheCap() {
        TreeRowBudget budget = TreeRowBudget.DEFAULTS;
        assertFalse(budget.needsCurve(72_000), "ml-latest-small's tuning rows: every row, as before");
        assertFalse(budget.needsCurve(100_000));
        assertTrue(budget.needsCurve(100_001));
        assertEquals(List.of(100_000L, 200_000L, 400_000L, 725_653L), budget.sizes(725_653));
        assertEquals(List.of(100_000L, 200_000L, 400_000L, 800_000L, 1_000_000L), budget.sizes(7_200_000));
        assertEquals(List.of(100_000L, 200_000L, 400_000L, 800_000L), budget.sizes(800_000));
    }

    @Test
    void aDoublingGoesOnOnlyWhenItGainedAtLeastTheMinimum() {
        TreeRowBudget budget = new TreeRowBudget(10, 100, 0.01);
        assertTrue(budget.gained(0.90, 0.89));
        assertTrue(budget.gained(0.90, 0.85));
        assertFalse(budget.gained(0.90, 0.895));
        assertFalse(budget.gained(0.90, 0.91), "worse");
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TreeRowBudget(0, 10, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new TreeRowBudget(10, 5, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new TreeRowBudget(10, 20, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new TreeRowBudget(10, 20, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new TreeRowBudget(10, 20, 0.001, 0));
    }

    @Test
    void theValidationRowsAreSampledDownToTheCapOnlyAboveIt() {
        assertEquals(500_000, TreeRowBudget.DEFAULTS.maxValidationRows());
        assertFalse(TreeRowBudget.DEFAULTS.validationSample(805_445, 42).all());
        assertEquals(500_000.0 / 2_016_748, TreeRowBudget.DEFAULTS.validationSample(2_016_748, 42).fraction(), 1e-15);
        assertEquals(RowSample.ALL, TreeRowBudget.DEFAULTS.validationSample(7_925, 42), "ml-latest-small: every row");
        assertEquals(RowSample.ALL, TreeRowBudget.DEFAULTS.validationSample(500_000, 42));
    }
}
