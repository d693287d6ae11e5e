package recsys.offline.ranking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.UserProfile;
import recsys.core.model.BiasBaseline;
import recsys.core.model.FeatureSchema;
import recsys.core.model.HybridModel;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.TreeRatingModel;

/** The {@link CandidateScorer}s of the models the pipeline trains. */
public final class Scorers {

    private Scorers() {
    }

    /** No model: every prediction NaN, so a blend ranks by its model-free parts (the popularity baselines). */
    public static CandidateScorer none() {
        return new None();
    }

    /** A core tree ensemble over the encoder's dense (embedding) or sparse features. */
    public static CandidateScorer trees(TreeEnsemble ensemble, String representation) {
        if (!FeatureSchema.DENSE.equals(representation) && !FeatureSchema.SPARSE.equals(representation)) {
            throw new IllegalArgumentException("unknown feature representation " + representation);
        }
        return new Trees(TreeRatingModel.forest(ensemble, FeatureSchema.SPARSE.equals(representation)));
    }

    /** The hybrid: biases (the training user's stored bias) plus the residual trees over the dense features. */
    public static CandidateScorer hybrid(HybridModel model) {
        return new Trees(TreeRatingModel.hybrid(model));
    }

    /** Global mean or damped biases; an unknown user or movie has bias 0, as in the Spark model. */
    public static CandidateScorer baseline(BiasBaseline baseline) {
        return new Baseline(baseline);
    }

    /**
     * ALS: the dot product of the user's and the movie's factors, clipped to the rating range; pairs without
     * factors get {@code fallback}'s prediction, as in the Spark model.
     */
    public static CandidateScorer als(Map<String, float[]> userFactors, Map<String, float[]> movieFactors,
                                      BiasBaseline fallback) {
        return new Als(Map.copyOf(userFactors), Map.copyOf(movieFactors), fallback);
    }

    private record None() implements CandidateScorer {
        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            Arrays.fill(predictions, Double.NaN);
            return predictions;
        }
    }

    private record Trees(TreeRatingModel model) implements CandidateScorer {
        Trees {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            double userBias = model.userBias(userId);
            for (int i = 0; i < predictions.length; i++) {
                predictions[i] = model.predict(encoder, profile, userBias, movieIds.get(i));
            }
            return predictions;
        }
    }

    private record Baseline(BiasBaseline baseline) implements CandidateScorer {
        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            for (int i = 0; i < predictions.length; i++) {
                predictions[i] = baseline.predict(userId, movieIds.get(i));
            }
            return predictions;
        }
    }

    private record Als(Map<String, float[]> userFactors, Map<String, float[]> movieFactors, BiasBaseline fallback)
            implements CandidateScorer {
        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            float[] user = userFactors.get(userId);
            for (int i = 0; i < predictions.length; i++) {
                float[] movie = movieFactors.get(movieIds.get(i));
                if (user == null || movie == null) {
                    predictions[i] = fallback.predict(userId, movieIds.get(i));
                } else {
                    // Spark's ALS predicts with a float dot product (BLAS sdot); summing in float keeps the ranking
                    // identical to transform()'s up to summation order
                    float dot = 0;
                    for (int d = 0; d < user.length; d++) {
                        dot += user[d] * movie[d];
                    }
                    predictions[i] = BiasBaseline.clip(dot);
                }
            }
            return predictions;
        }
    }
}
