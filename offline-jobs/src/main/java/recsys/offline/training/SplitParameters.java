package recsys.offline.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The split a model version was trained on, as manifest parameters, so the evaluation can rebuild exactly the same
 * train / validation / test parts (every strategy is deterministic given these values and the ingest run).
 *
 * @param strategy           how ratings were split
 * @param testFraction       share held out for test (ignored by a predefined split)
 * @param validationFraction share of train held out for validation
 * @param run                the ingest run whose ratings were split
 */
public record SplitParameters(SplitStrategy strategy, double testFraction, double validationFraction, String run) {

    static final String KIND = "split.kind";
    static final String SEED = "split.seed";
    static final String TRAIN_FILE = "split.train_file";
    static final String TEST_FILE = "split.test_file";
    static final String TEST_FRACTION = "split.test_fraction";
    static final String VALIDATION_FRACTION = "split.validation_fraction";
    static final String RUN = "data.run";

    /** The parameters, flat, for the manifest. */
    public Map<String, String> toMap() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(RUN, run);
        if (strategy instanceof SplitStrategy.Random random) {
            values.put(KIND, "random");
            values.put(SEED, Long.toString(random.seed()));
        } else if (strategy instanceof SplitStrategy.Predefined files) {
            values.put(KIND, "predefined");
            values.put(TRAIN_FILE, files.trainFile());
            values.put(TEST_FILE, files.testFile());
            values.put(SEED, Long.toString(files.validationSeed()));
        } else {
            values.put(KIND, "temporal");
        }
        values.put(TEST_FRACTION, Double.toString(testFraction));
        values.put(VALIDATION_FRACTION, Double.toString(validationFraction));
        return values;
    }

    /** Reads what {@link #toMap} wrote. @throws IllegalArgumentException naming the missing or bad key */
    public static SplitParameters fromMap(Map<String, String> values) {
        String kind = required(values, KIND);
        SplitStrategy strategy = switch (kind) {
            case "random" -> new SplitStrategy.Random(Long.parseLong(required(values, SEED)));
            case "temporal" -> new SplitStrategy.PerUserTemporal();
            case "predefined" -> new SplitStrategy.Predefined(required(values, TRAIN_FILE),
                    required(values, TEST_FILE), Long.parseLong(required(values, SEED)));
            default -> throw new IllegalArgumentException("unknown " + KIND + " '" + kind + "'");
        };
        return new SplitParameters(strategy, Double.parseDouble(required(values, TEST_FRACTION)),
                Double.parseDouble(required(values, VALIDATION_FRACTION)), required(values, RUN));
    }

    /** Splits {@code ratings} (the run's ratings, unless the strategy reads its own files). */
    public RatingSplit split(org.apache.spark.sql.SparkSession spark, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> ratings) {
        return strategy instanceof SplitStrategy.Predefined files
                ? RatingSplit.predefined(spark, files, validationFraction)
                : RatingSplit.of(ratings, strategy, testFraction, validationFraction);
    }

    /** The description reports and the manifest show. */
    public String describe() {
        return strategy instanceof SplitStrategy.Predefined
                ? strategy.describe() + ", validation fraction " + validationFraction + " of train"
                : strategy.describe() + ", test fraction " + testFraction + ", validation fraction "
                + validationFraction + " of train";
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the manifest has no parameter " + key);
        }
        return value;
    }
}
