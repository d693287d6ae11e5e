package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TitleYearTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Toy Story (1995);                      1995",
            "Shawshank Redemption, The (1994);      1994",
            "'Heat (1995)   ';                      1995",
            "Babylon 5 (1994-1998);                 1994",
            "Big Bang Theory, The (2007\u2013);     2007",
            "Big Bang Theory, The (2007-);          2007",
            "Fawlty Towers (1975 \u2013 1979);      1975",
            "(500) Days of Summer (2009);           2009",
            "1984 (1956);                           1956",
            "Movie(2001);                           2001"})
    void readsTheTrailingYear(String title, int year) {
        assertEquals(OptionalInt.of(year), TitleYear.of(title));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hyena Road", "", "Dune (2021", "Movie (95)", "Movie (12345)", "Movie (abcd)",
            "Sequel (1999) Part 2", "(1999) the beginning"})
    void hasNoYearWithoutATrailingYear(String title) {
        assertEquals(OptionalInt.empty(), TitleYear.of(title));
    }
}
