package recsys.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniLmModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesModelTokenizerAndSparkNlpVocabulary() throws IOException {
        MiniLmModelFiles files = MiniLmModelFiles.materialise(dir.resolve("minilm"));

        assertEquals(resourceSize(MiniLmModelFiles.MODEL_RESOURCE), Files.size(files.modelFile()));
        assertEquals(resourceSize(MiniLmModelFiles.TOKENIZER_RESOURCE), Files.size(files.tokenizerFile()));
        assertEquals(dir.resolve("minilm/assets/vocab.txt"), files.vocabFile());
        List<String> vocab = Files.readAllLines(files.vocabFile(), StandardCharsets.UTF_8);
        assertEquals(MiniLmModelFiles.VOCAB_SIZE, vocab.size());
        assertEquals("[PAD]", vocab.get(0));
        assertEquals("[UNK]", vocab.get(100));
        assertEquals("[CLS]", vocab.get(101));
        assertEquals("[SEP]", vocab.get(102));
        assertEquals("##s", vocab.get(2015));
        try (Stream<Path> left = Files.walk(files.directory())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void vocabularyIsBertBaseUncased() throws IOException {
        // langchain4j-embeddings ships bert-base-uncased's vocab.txt; the tokenizer's vocabulary must be the same
        MiniLmModelFiles files = MiniLmModelFiles.materialise(dir);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("bert-vocabulary-en.txt")) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(files.vocabFile()));
        }
    }

    @Test
    void reusesCompleteFilesAndReplacesWrongOnes() throws IOException {
        MiniLmModelFiles files = MiniLmModelFiles.materialise(dir);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(files.modelFile(), old);
        Files.setLastModifiedTime(files.vocabFile(), old);
        Files.writeString(files.tokenizerFile(), "{\"truncated\":");

        MiniLmModelFiles again = MiniLmModelFiles.materialise(dir);

        assertEquals(old, Files.getLastModifiedTime(again.modelFile()), "complete model rewritten");
        assertEquals(old, Files.getLastModifiedTime(again.vocabFile()), "complete vocabulary rewritten");
        assertEquals(resourceSize(MiniLmModelFiles.TOKENIZER_RESOURCE), Files.size(again.tokenizerFile()));
    }

    @Test
    void vocabularyIsSortedByIdAndMustHaveNoGaps() throws IOException {
        assertEquals("[PAD]\na\n", MiniLmModelFiles.vocabularyLines(json("{\"model\":{\"vocab\":{\"a\":1,\"[PAD]\":0}}}")));
        IOException e = assertThrows(IOException.class,
                () -> MiniLmModelFiles.vocabularyLines(json("{\"model\":{\"vocab\":{\"[PAD]\":0,\"a\":2}}}")));
        assertTrue(e.getMessage().contains("without gaps"), e.getMessage());
        assertThrows(IOException.class, () -> MiniLmModelFiles.vocabularyLines(json("{\"model\":{}}")));
    }

    private static InputStream json(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static long resourceSize(String name) throws IOException {
        try (InputStream in = MiniLmModelFilesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
