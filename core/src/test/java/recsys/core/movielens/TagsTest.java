package recsys.core.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void lowerCasesTrimsAndCollapsesWhitespace() {
        assertEquals("dark comedy", Tags.normalise("  Dark \t  Comedy\n"));
        assertEquals("dark comedy", Tags.normalise("dark\u00a0\u00a0comedy"));
    }

    @Test
    void keepsPunctuationAndAccents() {
        assertEquals("sci-fi, mind-bending", Tags.normalise("Sci-Fi, Mind-Bending"));
        assertEquals("am\u00e9lie", Tags.normalise("AM\u00c9LIE"));
    }

    @Test
    void ignoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals("imdb top 250", Tags.normalise("IMDB Top 250"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void blankBecomesEmpty() {
        assertEquals("", Tags.normalise(" \t "));
        assertEquals("", Tags.normalise(null));
    }
}
