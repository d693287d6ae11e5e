package recsys.offline.topn;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Run by {@link EaseTest} in a JVM where netlib cannot load a native LAPACK: fits EASE through
 * {@code LAPACK.getInstance()} and prints which LAPACK ran and the largest difference to the closed form.
 */
final class EaseWithoutNativeLapack {

    private EaseWithoutNativeLapack() {
    }

    public static void main(String[] args) {
        TreeMap<String, TreeSet<String>> histories = TopNData.histories(9, 80, 60, 3, 30);
        List<String> ids = List.copyOf(TopNData.counts(histories).keySet());
        ItemGram gram = new ItemGram(ids, TopNData.bruteForceGram(histories, ids));
        double[] expected = EaseTest.closedForm(gram.gram(), ids.size(), 50);
        double[] weights = Ease.weights(gram, 50);
        double max = 0;
        for (int e = 0; e < weights.length; e++) {
            max = Math.max(max, Math.abs(weights[e] - expected[e]));
        }
        System.out.println("lapack=" + LapackInfo.describe());
        System.out.println("max difference=" + max);
    }
}
