package recsys.offline.training;

import java.util.Objects;

/**
 * How ratings are divided into train and test (and train, again, into a tuning part and a validation part).
 * {@link RatingSplit} carries out each strategy; the benchmark prints {@link #describe()}.
 */
public sealed interface SplitStrategy {

    /** A short description for reports, with every parameter that determines the split (seed included). */
    String describe();

    /**
     * Every rating independently, by a seeded hash of its (user, movie) pair: the same ratings and seed give the same
     * split in any session, and a pair keeps its part when ratings are added.
     */
    record Random(long seed) implements SplitStrategy {
        @Override
        public String describe() {
            return "random(seed=" + seed + ")";
        }
    }

    /**
     * Each user's latest ratings (by timestamp, ties broken by movie id) go to test: {@code k = min(n − 1,
     * floor(f·n + 0.5))} of the user's {@code n} ratings, i.e. {@code f·n} rounded half up, but at least one rating
     * stays in train. Users with one or two ratings (for f = 0.2) keep all of them in train.
     */
    record PerUserTemporal() implements SplitStrategy {
        @Override
        public String describe() {
            return "per-user temporal (latest share of each user's ratings, ties by movie id)";
        }
    }

    /**
     * Train and test read from files, e.g. ml-100k's {@code u1.base}/{@code u1.test} … {@code u5}: tab-separated
     * {@code user id, item id, rating, timestamp} like {@code u.data}. The files fix train and test; the validation
     * part of train is carved at random with {@code validationSeed}.
     */
    record Predefined(String trainFile, String testFile, long validationSeed) implements SplitStrategy {
        public Predefined {
            Objects.requireNonNull(trainFile, "trainFile");
            Objects.requireNonNull(testFile, "testFile");
        }

        /** ml-100k's fold {@code fold} (1 to 5) in {@code folder}: {@code u<fold>.base} and {@code u<fold>.test}. */
        public static Predefined ml100kFold(String folder, int fold, long validationSeed) {
            if (fold < 1 || fold > 5) {
                throw new IllegalArgumentException("ml-100k has folds 1 to 5, got " + fold);
            }
            String base = folder.endsWith("/") ? folder : folder + "/";
            return new Predefined(base + "u" + fold + ".base", base + "u" + fold + ".test", validationSeed);
        }

        @Override
        public String describe() {
            return "predefined(train=" + trainFile + ", test=" + testFile + ", validation seed=" + validationSeed + ")";
        }
    }
}
