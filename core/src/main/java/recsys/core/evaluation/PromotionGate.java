package recsys.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a newly trained model version may replace the serving one: only when none of its figures, on validation
 * and on test, is worse than the serving version's beyond a relative tolerance. The figures are those of what is
 * served: the serving rating model's RMSE and the served top-N ranking's NDCG@10. With no serving version the
 * candidate is promoted.
 *
 * <p>A figure the serving version lacks (it was published before the figure was recorded) is not compared; a
 * candidate's missing figure (NaN) fails its comparison.
 *
 * <p>Each version's figures are those of its own split. The random split assigns a (user, movie) pair by a seeded
 * hash, so a retrain's split keeps every earlier pair in its part and only adds the new ratings: the two versions
 * are judged on the same rows plus those, and neither trained on a row the other was judged on. The tolerance
 * absorbs what the new rows and the training's randomness move; a real regression (a model trained on a fraction
 * of the data) is far beyond it. (A per-user temporal split moves rows between parts as users rate more, so there
 * the figures are comparable only in aggregate.)
 */
public record PromotionGate(double tolerance) {

    /** Two percent: above the run-to-run noise of ml-latest-small's figures, far below a broken model's drop. */
    public static final double DEFAULT_TOLERANCE = 0.02;

    /** The figures of one version. */
    public record Quality(double validationRmse, double validationNdcg, double testRmse, double testNdcg) {
    }

    /** The decision and every reason for it, for the run's report. */
    public record Verdict(boolean promote, List<String> reasons) {

        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public String describe() {
            return (promote ? "promoted: " : "not promoted: ") + String.join("; ", reasons);
        }
    }

    public PromotionGate {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("the gate's tolerance must be in [0, 1), not " + tolerance);
        }
    }

    public Verdict judge(Quality candidate, Optional<Quality> serving) {
        if (serving.isEmpty()) {
            return new Verdict(true, List.of("no version is serving"));
        }
        Quality old = serving.get();
        List<String> worse = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        lowerIsBetter("validation RMSE", candidate.validationRmse(), old.validationRmse(), worse, fine);
        higherIsBetter("validation NDCG@10", candidate.validationNdcg(), old.validationNdcg(), worse, fine);
        lowerIsBetter("test RMSE", candidate.testRmse(), old.testRmse(), worse, fine);
        higherIsBetter("test NDCG@10", candidate.testNdcg(), old.testNdcg(), worse, fine);
        return worse.isEmpty() ? new Verdict(true, fine) : new Verdict(false, worse);
    }

    private void lowerIsBetter(String name, double candidate, double serving, List<String> worse, List<String> fine) {
        if (Double.isNaN(serving)) {
            fine.add(name + ": the serving version has none");
            return;
        }
        double limit = serving * (1 + tolerance);
        (candidate <= limit ? fine : worse).add(String.format("%s %.4f vs %.4f serving (limit %.4f)", name,
                candidate, serving, limit));
    }

    private void higherIsBetter(String name, double candidate, double serving, List<String> worse, List<String> fine) {
        if (Double.isNaN(serving)) {
            fine.add(name + ": the serving version has none");
            return;
        }
        double limit = serving * (1 - tolerance);
        (candidate >= limit ? fine : worse).add(String.format("%s %.4f vs %.4f serving (limit %.4f)", name,
                candidate, serving, limit));
    }
}
