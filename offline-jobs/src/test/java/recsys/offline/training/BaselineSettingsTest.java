package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        BaselineSettings s = BaselineSettings.defaults();
        assertEquals(42, s.seed());
        assertEquals(0.2, s.testFraction());
        assertEquals(0.1, s.validationFraction());
        assertEquals(List.of(1.0, 3.0, 5.0, 10.0, 25.0), s.biasDampings());
        assertEquals(List.of(5, 20), s.alsRanks());
        assertEquals(List.of(0.1, 0.15, 0.25), s.alsRegParams());
        assertEquals(10, s.alsMaxIter());
        assertEquals(20_000, s.alsTuningUsers());
        assertEquals(7, s.withSeed(7).seed());
    }

    @Test
    void valuesOutsideTheirRangesAreRejected() {
        BaselineSettings d = BaselineSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> new BaselineSettings(1, 0, 0.1, d.biasDampings(),
                d.alsRanks(), d.alsRegParams(), 10, 100));
        assertThrows(IllegalArgumentException.class, () -> new BaselineSettings(1, 0.2, 0.6, d.biasDampings(),
                d.alsRanks(), d.alsRegParams(), 10, 100));
        assertThrows(IllegalArgumentException.class, () -> d.withGrids(List.of(-1.0), d.alsRanks(), d.alsRegParams()));
        assertThrows(IllegalArgumentException.class, () -> d.withGrids(List.of(), d.alsRanks(), d.alsRegParams()));
        assertThrows(IllegalArgumentException.class, () -> d.withGrids(d.biasDampings(), List.of(0), d.alsRegParams()));
        assertThrows(IllegalArgumentException.class, () -> d.withGrids(d.biasDampings(), d.alsRanks(), List.of(0.0)));
        assertThrows(IllegalArgumentException.class, () -> new BaselineSettings(1, 0.2, 0.1, d.biasDampings(),
                d.alsRanks(), d.alsRegParams(), 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new BaselineSettings(1, 0.2, 0.1, d.biasDampings(),
                d.alsRanks(), d.alsRegParams(), 10, 0));
    }
}
