package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.offline.training.TrainingData.r;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import recsys.core.evaluation.UserSample;

class AlsModelTest {

    @Test
    void rowsAlsCannotScoreGetTheBiasPredictionAndAreCounted() {
        RatingSplit split = RatingSplit.of(TrainingData.fixtureRatings(), new SplitStrategy.Random(42), 0.2, 0.1);
        BiasModel biases = BiasModel.fit(split.train(), 5, 5);
        AlsModel als = AlsModel.fit(split.train(), 4, 0.1, 5, 42, biases);
        // the test rows plus an unseen user, an unseen movie, both, and a non-numeric id
        Dataset<Row> rows = split.test().unionByName(TrainingData.ratings(r("999", "1", 3, 1), r("1", "888", 4, 1),
                r("999", "888", 2, 1), r("x", "1", 4, 1)));
        Set<String> trainUsers = new HashSet<>(split.train().select("user_id").distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Set<String> trainMovies = new HashSet<>(split.train().select("movie_id").distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList());
        List<Row> predicted = als.predict(rows).collectAsList();
        List<Row> fromBiases = biases.predict(rows).collectAsList();
        assertEquals(rows.count(), predicted.size());
        long expectedFallbacks = 0;
        for (Row row : predicted) {
            String user = row.getString(0);
            String movie = row.getString(1);
            boolean unseen = !trainUsers.contains(user) || !trainMovies.contains(movie);
            expectedFallbacks += unseen ? 1 : 0;
            double prediction = row.getDouble(row.fieldIndex(RatingColumns.PREDICTION));
            assertEquals(unseen, row.getBoolean(row.fieldIndex(RatingColumns.FALLBACK)), user + "/" + movie);
            assertTrue(prediction >= 0.5 && prediction <= 5.0, "clipped: " + prediction);
            if (unseen) {
                assertEquals(biases.toBaseline().predict(user, movie), prediction, 1e-9);
            }
        }
        assertTrue(expectedFallbacks >= 4);
        RatingEvaluation all = RatingEvaluation.of(als.predict(rows), rows.count());
        assertEquals(expectedFallbacks, all.fallbackRows());
        assertEquals(rows.count() - expectedFallbacks, RatingEvaluation.scoredOnly(als.predict(rows)).count());
        assertEquals(fromBiases.size(), predicted.size());
        split.unpersist();
    }

    @Test
    void tuningPicksTheBestGridPointOnValidation() {
        RatingSplit split = RatingSplit.of(TrainingData.fixtureRatings(), new SplitStrategy.Random(42), 0.2, 0.2);
        BiasModel tuningBiases = BiasModel.fit(split.tuningTrain(), 5, 5);
        BiasModel biases = BiasModel.fit(split.train(), 5, 5);
        AlsModel.Tuned tuned = AlsModel.tune(split, List.of(2, 4), List.of(0.1, 0.5), 5, 42,
                new UserSample(1_000_000, 42), tuningBiases, biases);
        assertEquals(4, tuned.candidates().size());
        assertFalse(tuned.sampled());
        double bestRmse = tuned.candidates().stream().mapToDouble(c -> c.validation().rmse()).min().orElseThrow();
        assertEquals(bestRmse, tuned.best().validation().rmse(), 1e-12);
        assertEquals(tuned.best().rank(), tuned.model().rank());
        assertEquals(tuned.best().regParam(), tuned.model().regParam());
        split.unpersist();
    }

    /**
     * With fewer search users than tuning users, each grid point is fitted and scored on the sampled users' ratings
     * only (checked against a fit by hand on exactly those rows), and the chosen point's figure is its fit on the
     * whole tuning part scored on every validation row.
     */
    @Test
    void onAUserSampleTheGridIsSearchedOnThoseUsersAndTheChoiceScoredOnEveryone() {
        RatingSplit split = RatingSplit.of(TrainingData.fixtureRatings(), new SplitStrategy.Random(42), 0.2, 0.2);
        BiasModel tuningBiases = BiasModel.fit(split.tuningTrain(), 5, 5);
        BiasModel biases = BiasModel.fit(split.train(), 5, 5);
        List<String> users = split.tuningTrain().select("user_id").distinct().as(Encoders.STRING()).collectAsList();
        UserSample sample = new UserSample(users.size() / 2, 42);

        AlsModel.Tuned tuned = AlsModel.tune(split, List.of(2, 4), List.of(0.1, 0.5), 5, 42, sample, tuningBiases,
                biases);

        assertTrue(tuned.sampled());
        assertEquals(users.size() / 2, tuned.searchUsers());
        assertEquals(users.size(), tuned.tuningUsers());
        java.util.Set<String> kept = new java.util.HashSet<>(sample.choose(users));
        Dataset<Row> train = split.tuningTrain().where(functions.col("user_id").isin(kept.toArray()));
        Dataset<Row> validation = split.validation().where(functions.col("user_id").isin(kept.toArray()));
        AlsModel.Candidate first = tuned.candidates().get(0);
        AlsModel byHand = AlsModel.fit(train, first.rank(), first.regParam(), 5, 42, tuningBiases);
        RatingEvaluation expected = RatingEvaluation.of(byHand.predict(validation), validation.count());
        assertEquals(expected.rmse(), first.validation().rmse(), 1e-6, "the first point, on the sampled users");
        AlsModel.Candidate bestInSearch = tuned.candidates().stream()
                .min(java.util.Comparator.comparingDouble(c -> c.validation().rmse())).orElseThrow();
        assertEquals(bestInSearch.rank(), tuned.best().rank());
        assertEquals(bestInSearch.regParam(), tuned.best().regParam());
        AlsModel whole = AlsModel.fit(split.tuningTrain(), bestInSearch.rank(), bestInSearch.regParam(), 5, 42,
                tuningBiases);
        assertEquals(RatingEvaluation.of(whole.predict(split.validation()), split.validationCount()).rmse(),
                tuned.best().validation().rmse(), 1e-6, "the choice, fitted on everyone and scored on every row");
        assertEquals(tuned.best().rank(), tuned.model().rank());
        split.unpersist();
    }

    /**
     * String ids (prefixed, as an application's) are indexed for ALS and mapped back: with the same prefix on every
     * id, the alphabetical indices are those of the bare ids, so the model and its factors are the same, under the
     * prefixed ids.
     */
    @Test
    void stringIdsAreIndexedAndMapBackToTheirOwnFactors() {
        Dataset<Row> train = TrainingData.fixtureRatings();
        Dataset<Row> prefixed = train.withColumn("user_id", functions.concat(functions.lit("u-"), functions.col("user_id")))
                .withColumn("movie_id", functions.concat(functions.lit("m:"), functions.col("movie_id")));
        AlsModel plain = AlsModel.fit(train, 3, 0.1, 4, 7, BiasModel.fit(train, 5, 5));
        AlsModel named = AlsModel.fit(prefixed, 3, 0.1, 4, 7, BiasModel.fit(prefixed, 5, 5));

        Map<String, float[]> plainUsers = plain.userFactors();
        Map<String, float[]> namedUsers = named.userFactors();
        assertEquals(plainUsers.size(), namedUsers.size());
        plainUsers.forEach((id, factors) -> assertArrayEquals(factors, namedUsers.get("u-" + id), id));
        Map<String, float[]> namedMovies = named.movieFactors();
        plain.movieFactors().forEach((id, factors) -> assertArrayEquals(factors, namedMovies.get("m:" + id), id));

        Map<String, Double> plainPredictions = new HashMap<>();
        plain.predict(train).collectAsList().forEach(row -> plainPredictions.put(row.getString(0) + "/"
                + row.getString(1), row.getDouble(row.fieldIndex(RatingColumns.PREDICTION))));
        List<Row> namedPredictions = named.predict(prefixed).collectAsList();
        assertEquals(plainPredictions.size(), namedPredictions.size());
        for (Row row : namedPredictions) {
            String key = row.getString(0).substring(2) + "/" + row.getString(1).substring(2);
            assertEquals(plainPredictions.get(key), row.getDouble(row.fieldIndex(RatingColumns.PREDICTION)), 0.0, key);
        }
    }
}
