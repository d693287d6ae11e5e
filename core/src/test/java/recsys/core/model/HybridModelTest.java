package recsys.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import recsys.core.features.RatedMovie;

class HybridModelTest {

    // μ = 3.5, b_m1 = 0.5, b_m2 = −1, λ_u = 2; user u has bias 0.25
    private static final BiasBaseline BIASES = new BiasBaseline(3.5, Map.of("u", 0.25),
            Map.of("m1", 0.5, "m2", -1.0), 2, 3);
    // residual = 1.0 · (x0 <= 0 ? −0.3 : 0.4) + 0.5 · 0.2
    private static final TreeEnsemble TREES = TreeEnsemble.gradientBoosted(1, List.of(
            RegressionTree.builder(3).split(0, 0, 0.0, 1, 2).leaf(1, -0.3).leaf(2, 0.4).build(),
            RegressionTree.builder(1).leaf(0, 0.2).build()), new double[] {1.0, 0.5});

    @Test
    void predictsTheClippedBiasesPlusTheResidualTrees() {
        HybridModel model = new HybridModel(BIASES, TREES);
        assertEquals(3.5 + 0.25 + 0.5 - 0.3 + 0.1, model.predict(0.25, "m1", new double[] {-1}), 1e-12);
        assertEquals(3.5 + 0.25 - 1.0 + 0.4 + 0.1, model.predict(0.25, "m2", new double[] {1}), 1e-12);
        // an unknown movie has no bias; the sum is clipped to the rating range at both ends
        assertEquals(3.5 + 0.4 + 0.1, model.predict(0, "m9", new double[] {1}), 1e-12);
        assertEquals(5.0, model.predict(2.0, "m1", new double[] {1}));
        assertEquals(0.5, model.predict(-4.0, "m2", new double[] {-1}));
    }

    @Test
    void aUsersBiasFollowsTheirRatings() {
        // (4 − 3.5 − 0.5) + (3 − 3.5 + 1) + (5 − 3.5 − 0) over 3 ratings + λ_u 2
        double bias = BIASES.userBiasOf(List.of(new RatedMovie("m1", 4), new RatedMovie("m2", 3),
                new RatedMovie("m9", 5)));
        assertEquals((0.0 + 0.5 + 1.5) / 5, bias, 1e-12);
        assertEquals(0.0, BIASES.userBiasOf(List.of()));
    }

    @Test
    void onlyGradientBoostedTreesCanBeTheResidual() {
        TreeEnsemble forest = TreeEnsemble.randomForest(1, List.of(RegressionTree.builder(1).leaf(0, 1).build()));
        assertThrows(IllegalArgumentException.class, () -> new HybridModel(BIASES, forest));
    }

    @Test
    void theBiasFormatRoundTripsAndRefusesWhatIsNotABiasFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BiasBaselineFormat.write(BIASES, out);
        byte[] bytes = out.toByteArray();
        assertEquals(BIASES, BiasBaselineFormat.read(new ByteArrayInputStream(bytes)));
        // the same model gives the same bytes (sorted ids), so its checksum is stable
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        BiasBaselineFormat.write(new BiasBaseline(3.5, Map.of("u", 0.25), Map.of("m2", -1.0, "m1", 0.5), 2, 3),
                again);
        assertTrue(Arrays.equals(bytes, again.toByteArray()));

        IOException truncated = assertThrows(IOException.class,
                () -> BiasBaselineFormat.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IOException.class, () -> BiasBaselineFormat.read(new ByteArrayInputStream(longer)));
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        IOException notBiases = assertThrows(IOException.class,
                () -> BiasBaselineFormat.read(new ByteArrayInputStream(wrongMagic)));
        assertTrue(notBiases.getMessage().contains("not a bias baseline"), notBiases.getMessage());
        byte[] newerVersion = bytes.clone();
        newerVersion[7] = 9;
        assertThrows(IOException.class, () -> BiasBaselineFormat.read(new ByteArrayInputStream(newerVersion)));
    }
}
