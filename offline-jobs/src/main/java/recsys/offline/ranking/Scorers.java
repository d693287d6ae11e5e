package recsys.offline.ranking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import recsys.core.features.FeatureEncoder;
import recsys.core.features.SparseFeatures;
import recsys.core.features.UserProfile;
import recsys.core.model.BiasBaseline;
import recsys.core.model.FeatureSchema;
import recsys.core.model.HybridModel;
import recsys.core.model.TreeEnsemble;

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
        return new Trees(ensemble, representation);
    }

    /** The hybrid: biases (the training user's stored bias) plus the residual trees over the dense features. */
    public static CandidateScorer hybrid(HybridModel model) {
        return new Hybrid(model);
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

    private record Trees(TreeEnsemble ensemble, String representation) implements CandidateScorer {
        Trees {
            Objects.requireNonNull(ensemble, "ensemble");
            if (!FeatureSchema.DENSE.equals(representation) && !FeatureSchema.SPARSE.equals(representation)) {
                throw new IllegalArgumentException("unknown feature representation " + representation);
            }
        }

        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            boolean dense = FeatureSchema.DENSE.equals(representation);
            for (int i = 0; i < predictions.length; i++) {
                if (dense) {
                    predictions[i] = ensemble.predict(encoder.embeddingFeatures(profile, movieIds.get(i)));
                } else {
                    SparseFeatures x = encoder.sparseFeatures(profile, movieIds.get(i));
                    predictions[i] = ensemble.predict(x.indices(), x.values(), x.size());
                }
            }
            return predictions;
        }
    }

    private record Hybrid(HybridModel model) implements CandidateScorer {
        Hybrid {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public double[] predict(String userId, UserProfile profile, List<String> movieIds, FeatureEncoder encoder) {
            double[] predictions = new double[movieIds.size()];
            double userBias = model.biases().userBias(userId);
            for (int i = 0; i < predictions.length; i++) {
                predictions[i] = model.predict(userBias, movieIds.get(i),
                        encoder.embeddingFeatures(profile, movieIds.get(i)));
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
