package recsys.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import recsys.testing.RandomText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertPreTokenizedTextTest {

    static MiniLmTokenizer tokenizer;

    @BeforeAll
    static void open() throws IOException {
        tokenizer = MiniLmTokenizer.fromClasspath();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void separatesWordsAndPunctuationLikeBert() {
        assertEquals("wall · e ( 2008 )", BertPreTokenizedText.of("WALL·E (2008)"));
        assertEquals("amelie ’ s cafe … ¿ que ?", BertPreTokenizedText.of("Amélie’s  Café… ¿Qué?"));
        assertEquals("千 と 千 尋 の 神 隠 し", BertPreTokenizedText.of("千と千尋の神隠し"));
        assertEquals("σισυφοσ", BertPreTokenizedText.of("ΣΊΣΥΦΟΣ")); // no final-sigma rule, as in HuggingFace
        assertEquals("a b c", BertPreTokenizedText.of("a\u00A0b\tc\u200B"));
        assertEquals("", BertPreTokenizedText.of(" \u0001 "));
    }

    @Test
    void wordsTooLongForWordPieceBecomeOneUnknownWord() {
        String text = "short " + "y".repeat(150);
        assertEquals("short " + BertPreTokenizedText.UNKNOWN_WORD, BertPreTokenizedText.of(text));
        assertEquals(3 + 1, tokenizer.tokenCount(text));
    }

    @Test
    void huggingFaceTokensAreUnchanged() {
        List<String> texts = new ArrayList<>(List.of(
                "WALL·E (2008)", "“Quoted” ‘text’ — with – dashes…", "¡Hola! «Bonjour» ¿Qué?",
                "Spirited Away 千と千尋の神隠し がぎぐげご パンダ", "Straße Æon ﬁlm İstanbul ΣΊΣΥΦΟΣ",
                "soft\u00ADhyphen zero\u200Bwidth no\u00A0break\u2007figure\u202Fnarrow",
                "emoji 😀🎬 newer 🥰 🫠", "ext-B 𠀀𠀁 compat 豈", "arabic العَرَبِيَّة hebrew שָׁלוֹם",
                "hindi नमस्ते thai ภาษาไทย korean 한국어", "ctl\u0001\u000B\u000C\u0085\u001Fend",
                "private \uE000 unassigned \u0378", "combining e\u0301 a\u20DD", "x".repeat(101), "x".repeat(100)));
        texts.addAll(soup(500, 7));
        for (String text : texts) {
            String rewritten = BertPreTokenizedText.of(text);
            assertArrayEquals(tokenizer.encode(text).getIds(), tokenizer.encode(rewritten).getIds(),
                    () -> "tokens differ for " + escape(text) + " -> " + escape(rewritten));
            assertEquals(rewritten, BertPreTokenizedText.of(rewritten), "not idempotent");
        }
    }

    /** Random strings drawn from the character classes where tokenizers tend to disagree. */
    static List<String> soup(int n, long seed) {
        String[] pools = {"abcXYZ", "0123456789", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "    ", "\t\n\r",
                "éèüñçÅØßœ", "·‘’“”–—…¡¿«»§¶•†‰′、。「」", "\u00A0\u2007\u202F\u3000\u2028",
                "\u00AD\u200B\u200D\uFEFF\u200E", "\u0000\u0001\u000B\u000C\u0085\u001F\uFFFD", "千尋神隠", "がぎぐパ",
                "한국어", "Брат", "Ζορμπάς", "عَرَبِيَّة", "नमस्ते", "\u0301\u0308\u20DD", "😀🎬", "𠀀豈",
                "\uE000\u0378", "$€£¥°©™"};
        return RandomText.fromPools(pools, n, 40, seed);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp >= 32 && cp < 127) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%X}", cp));
            }
        });
        return out.toString();
    }
}
