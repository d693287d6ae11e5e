package recsys.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatingErrorsTest {

    private static final double EPS = 1e-12;

    @Test
    void handComputedRmseAndMae() {
        // errors 2−4 = −2, 3−3 = 0, 5−4 = 1, 1−2 = −1
        // squared 4 + 0 + 1 + 1 = 6  → RMSE = sqrt(6/4) = sqrt(1.5) ≈ 1.224745
        // absolute 2 + 0 + 1 + 1 = 4 → MAE = 4/4 = 1
        RatingErrors errors = RatingErrors.of(new double[] {2, 3, 5, 1}, new double[] {4, 3, 4, 2});

        assertEquals(4, errors.count());
        assertEquals(Math.sqrt(1.5), errors.rmse(), EPS);
        assertEquals(1.0, errors.mae(), EPS);
    }

    @Test
    void listsGiveTheSameAsArrays() {
        // errors −0.5, 0, −3 → squared 0.25 + 0 + 9 = 9.25 → RMSE = sqrt(9.25/3) ≈ 1.755942; MAE = 3.5/3 ≈ 1.166667
        RatingErrors errors = RatingErrors.of(List.of(3.5, 4.0, 2.0), List.of(4.0, 4.0, 5.0));

        assertEquals(3, errors.count());
        assertEquals(Math.sqrt(9.25 / 3), errors.rmse(), EPS);
        assertEquals(3.5 / 3, errors.mae(), EPS);
        assertEquals(errors, RatingErrors.of(new double[] {3.5, 4.0, 2.0}, new double[] {4.0, 4.0, 5.0}));
    }

    @Test
    void perfectPredictionsHaveNoError() {
        RatingErrors errors = RatingErrors.of(new double[] {0.5, 5.0}, new double[] {0.5, 5.0});

        assertEquals(0.0, errors.rmse());
        assertEquals(0.0, errors.mae());
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> RatingErrors.of(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> RatingErrors.of(List.of(), List.of()));
    }

    @Test
    void rejectsUnpairedInput() {
        assertThrows(IllegalArgumentException.class, () -> RatingErrors.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RatingErrors.of(List.of(1.0), List.of(1.0, 2.0)));
    }

    @Test
    void rejectsNaNAndNull() {
        assertThrows(IllegalArgumentException.class,
                () -> RatingErrors.of(new double[] {4.0, Double.NaN}, new double[] {4.0, 3.0}));
        assertThrows(IllegalArgumentException.class,
                () -> RatingErrors.of(Arrays.asList(4.0, null), List.of(4.0, 3.0)));
    }
}
