package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

    @Test
    void linkIdsAreTrimmedDigitsKeptAsText() throws RejectedField {
        assertEquals("0114709", Fields.digits("imdbId", " 0114709 "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "'';         empty imdbId",
            "tt0114709;  imdbId is not numeric: 'tt0114709'",
            "-1;         imdbId is not numeric: '-1'",
            "\u0661\u0662; imdbId is not numeric: '\u0661\u0662'"})
    void rejectsLinkIdsThatAreNotDigits(String raw, String reason) {
        assertEquals(reason, assertThrows(RejectedField.class, () -> Fields.digits("imdbId", raw)).reason());
    }

    @ParameterizedTest
    @CsvSource({"' 007 ', 007", "u-12, u-12", "user@example.com, user@example.com", "a:b_c.d, a:b_c.d"})
    void userAndMovieIdsFollowTheServicesRuleAfterTrimming(String raw, String expected) throws RejectedField {
        assertEquals(expected, Fields.entityId("userId", raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "'';     empty userId",
            "'  ';   empty userId",
            "a b;    userId may only contain letters, digits and - _ . : @: 'a b'",
            "a/b;    userId may only contain letters, digits and - _ . : @: 'a/b'",
            "'..';   userId must not be . or ..: '..'"})
    void rejectsUserAndMovieIdsOutsideTheRule(String raw, String reason) {
        assertEquals(reason, assertThrows(RejectedField.class, () -> Fields.entityId("userId", raw)).reason());
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "5, 5.0", "3.5, 3.5", "' 4 ', 4.0"})
    void acceptsRatingsOnTheStarScale(String raw, double expected) throws RejectedField {
        assertEquals(expected, Fields.rating(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "'';        empty rating",
            "abc;       rating is not a number: 'abc'",
            "NaN;       rating is not finite: 'NaN'",
            "Infinity;  rating is not finite: 'Infinity'",
            "7;         rating out of range [0.5, 5.0]: '7'",
            "0;         rating out of range [0.5, 5.0]: '0'",
            "-1;        rating out of range [0.5, 5.0]: '-1'",
            "5.01;      rating out of range [0.5, 5.0]: '5.01'"})
    void rejectsRatingsOffTheScale(String raw, String reason) {
        assertEquals(reason, assertThrows(RejectedField.class, () -> Fields.rating(raw)).reason());
    }

    @Test
    void timestampsAreEpochSeconds() throws RejectedField {
        assertEquals(964982703L, Fields.timestamp("964982703"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "9649827.03", "99999999999999999999"})
    void rejectsTimestampsThatAreNotWholeNumbers(String raw) {
        assertEquals("timestamp is not a whole number: '" + raw + "'",
                assertThrows(RejectedField.class, () -> Fields.timestamp(raw)).reason());
    }

    @Test
    void longValuesAreCutInReasons() {
        String garbage = "x".repeat(500);
        String reason = assertThrows(RejectedField.class, () -> Fields.entityId("movieId", garbage)).reason();
        assertEquals("movieId must be at most 128 characters, was 500: '" + "x".repeat(40) + "...'", reason);
    }

    @Test
    void countMismatchNamesBothCounts() {
        assertEquals("expected 4 fields, found 3", Fields.countMismatch(4, 3));
    }
}
