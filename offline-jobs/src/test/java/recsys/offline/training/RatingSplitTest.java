package recsys.offline.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static recsys.offline.training.TrainingData.keys;
import static recsys.offline.training.TrainingData.r;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingSplitTest {

    private static final Dataset<Row> FIXTURE = TrainingData.fixtureRatings();

    @Test
    void randomSplitPartitionsEveryRatingOnceAtRoughlyTheFraction() {
        RatingSplit split = RatingSplit.of(FIXTURE, new SplitStrategy.Random(42), 0.2, 0.1);
        long total = FIXTURE.count();
        assertEquals(total, split.trainCount() + split.testCount());
        assertDisjointUnion(keys(FIXTURE), keys(split.train()), keys(split.test()));
        assertTrue(split.testCount() > 0.12 * total && split.testCount() < 0.28 * total, "test " + split.testCount());
        assertEquals(split.trainCount(), split.tuningTrainCount() + split.validationCount());
        assertDisjointUnion(keys(split.train()), keys(split.tuningTrain()), keys(split.validation()));
        assertTrue(split.validationCount() > 0.04 * split.trainCount()
                && split.validationCount() < 0.16 * split.trainCount(), "validation " + split.validationCount());
        split.unpersist();
    }

    @Test
    void randomSplitIsDeterminedByTheSeedNotByRowOrderOrPartitioning() {
        RatingSplit first = RatingSplit.of(FIXTURE, new SplitStrategy.Random(42), 0.2, 0.1);
        RatingSplit shuffled = RatingSplit.of(FIXTURE.repartition(5).orderBy("timestamp"),
                new SplitStrategy.Random(42), 0.2, 0.1);
        RatingSplit otherSeed = RatingSplit.of(FIXTURE, new SplitStrategy.Random(7), 0.2, 0.1);
        assertEquals(keys(first.test()), keys(shuffled.test()));
        assertEquals(keys(first.validation()), keys(shuffled.validation()));
        assertNotEquals(keys(first.test()), keys(otherSeed.test()));
        first.unpersist();
        shuffled.unpersist();
        otherSeed.unpersist();
    }

    @Test
    void randomSplitKeepsEveryPairInItsPartWhenRatingsAreAddedOrReRated() {
        RatingSplit before = RatingSplit.of(FIXTURE, new SplitStrategy.Random(42), 0.2, 0.1);
        // a day of online writes: new ratings, and every rating of the first user re-rated later with another value
        String reRatedUser = FIXTURE.first().getString(0);
        Dataset<Row> reRated = FIXTURE.filter(FIXTURE.col("user_id").equalTo(reRatedUser))
                .selectExpr("user_id", "movie_id", "6 - rating as rating", "timestamp + 1000 as timestamp");
        Dataset<Row> grown = FIXTURE.filter(FIXTURE.col("user_id").notEqual(reRatedUser)).unionByName(reRated)
                .unionByName(TrainingData.ratings(r("new-user", "1", 4, 99), r("new-user", "2", 2, 99),
                        r("new-user", "3", 5, 99)));
        RatingSplit after = RatingSplit.of(grown, new SplitStrategy.Random(42), 0.2, 0.1);
        Set<String> oldPairs = new HashSet<>(keys(FIXTURE));
        assertEquals(keys(before.test()), keys(after.test()).stream().filter(oldPairs::contains).toList());
        assertEquals(keys(before.validation()),
                keys(after.validation()).stream().filter(oldPairs::contains).toList());
        assertEquals(keys(before.tuningTrain()),
                keys(after.tuningTrain()).stream().filter(oldPairs::contains).toList());
        assertEquals(keys(grown).size(), after.trainCount() + after.testCount());
        before.unpersist();
        after.unpersist();
    }

    @Test
    void temporalSplitHoldsOutEachUsersLatestRatingsRoundedHalfUpKeepingOneInTrain() {
        Dataset<Row> ratings = TrainingData.ratings(
                r("a", "1", 4, 10),                                       // n=1: k=min(0, 0)=0
                r("b", "1", 4, 10), r("b", "2", 3, 20),                   // n=2: floor(0.4+0.5)=0
                r("c", "1", 4, 30), r("c", "2", 3, 20), r("c", "3", 2, 10), // n=3: floor(0.6+0.5)=1 -> movie 1
                // n=5: k=1; timestamps 50 tie between movies 4 and 5: the larger movie id is the later
                r("d", "1", 1, 10), r("d", "2", 2, 20), r("d", "3", 3, 30), r("d", "5", 4, 50), r("d", "4", 5, 50),
                // n=8: floor(1.6+0.5)=2 -> the two latest, movies 7 and 8
                r("e", "1", 1, 1), r("e", "2", 1, 2), r("e", "3", 1, 3), r("e", "4", 1, 4),
                r("e", "5", 1, 5), r("e", "6", 1, 6), r("e", "7", 1, 7), r("e", "8", 1, 8));
        RatingSplit split = RatingSplit.of(ratings, new SplitStrategy.PerUserTemporal(), 0.2, 0.2);
        assertEquals(List.of("c/1", "d/5", "e/7", "e/8"), keys(split.test()));
        assertEquals(15, split.trainCount());
        // validation: the same rule on train: c has 2 left -> 0; d 4 -> floor(1.3)=1 (movie 4); e 6 -> floor(1.7)=1
        assertEquals(List.of("d/4", "e/6"), keys(split.validation()));
        split.unpersist();
    }

    @Test
    void temporalSplitOfTheFixturePutsEveryUsersLatestRatingsInTest() {
        RatingSplit split = RatingSplit.of(FIXTURE, new SplitStrategy.PerUserTemporal(), 0.2, 0.1);
        assertDisjointUnion(keys(FIXTURE), keys(split.train()), keys(split.test()));
        Map<String, List<Row>> byUser = FIXTURE.collectAsList().stream()
                .collect(Collectors.groupingBy(row -> row.getString(0)));
        List<String> expected = new ArrayList<>();
        byUser.forEach((user, rows) -> {
            List<Row> latestLast = rows.stream()
                    .sorted(Comparator.comparingLong((Row row) -> row.getLong(3))
                            .thenComparing(row -> row.getString(1)))
                    .toList();
            int n = rows.size();
            int k = (int) Math.min(n - 1, Math.floor(0.2 * n + 0.5));
            latestLast.subList(n - k, n).forEach(row -> expected.add(user + "/" + row.getString(1)));
        });
        assertEquals(expected.stream().sorted().toList(), keys(split.test()));
        assertEquals(30 * 4, split.testCount());
        split.unpersist();
    }

    @Test
    void predefinedSplitReadsMl100kFilesAndCarvesValidationFromTrain(@TempDir Path dir) throws IOException {
        StringBuilder base = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            base.append(1 + i % 4).append('\t').append(i).append('\t').append(1 + i % 5).append('\t')
                    .append(880000000 + i).append('\n');
        }
        Files.writeString(dir.resolve("u1.base"), base);
        Files.writeString(dir.resolve("u1.test"), "1\t100\t5\t881250949\n2\t101\t3\t881250950\n");
        SplitStrategy.Predefined files = SplitStrategy.Predefined.ml100kFold(dir.toUri().toString(), 1, 42);
        RatingSplit split = RatingSplit.predefined(TrainingData.spark(), files, 0.25);
        assertEquals(40, split.trainCount());
        assertEquals(List.of("1/100", "2/101"), keys(split.test()));
        Row first = split.test().orderBy("movie_id").first();
        assertEquals(5.0, first.getDouble(2));
        assertEquals(881250949L, first.getLong(3));
        assertEquals(40, split.tuningTrainCount() + split.validationCount());
        assertDisjointUnion(keys(split.train()), keys(split.tuningTrain()), keys(split.validation()));
        split.unpersist();
    }

    @Test
    void predefinedSplitRejectsAFileWithBadLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("u2.base"), "1\t1\t5\t881250949\n1\t2\tfive\t881250949\n");
        Files.writeString(dir.resolve("u2.test"), "1\t3\t5\t881250949\n");
        SplitStrategy.Predefined files = SplitStrategy.Predefined.ml100kFold(dir.toString(), 2, 42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RatingSplit.predefined(TrainingData.spark(), files, 0.1));
        assertTrue(e.getMessage().contains("1 rating lines rejected"), e.getMessage());
    }

    @Test
    void predefinedStrategyIsNotSplitFromRatings() {
        assertThrows(IllegalArgumentException.class, () -> RatingSplit.of(FIXTURE,
                new SplitStrategy.Predefined("a", "b", 1), 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SplitStrategy.Predefined.ml100kFold("x", 6, 1));
    }

    private static void assertDisjointUnion(List<String> all, List<String> left, List<String> right) {
        Set<String> overlap = new HashSet<>(left);
        overlap.retainAll(new HashSet<>(right));
        assertEquals(Set.of(), overlap, "rows in both parts");
        List<String> union = new ArrayList<>(left);
        union.addAll(right);
        assertEquals(all, union.stream().sorted().toList());
    }
}
