package recsys.offline.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import recsys.testing.RandomText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import recsys.core.embedding.BertPreTokenizedText;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.core.embedding.MovieText;
import recsys.core.embedding.OnnxSentenceEmbedder;
import recsys.offline.testing.TestSpark;

class SparkNlpSentenceEmbedderTest {

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(SparkNlpSentenceEmbedder.ID, DataTypes.StringType, false),
            DataTypes.createStructField(SparkNlpSentenceEmbedder.TEXT, DataTypes.StringType, false)));

    static SparkSession spark;
    static MiniLmModelFiles files;
    static OnnxSentenceEmbedder reference;
    static List<String> texts;
    static List<String> unicodeTexts;

    @BeforeAll
    static void start() throws IOException {
        // the shared session already sets Spark NLP's ONNX threads to 1 (SparkSessions)
        spark = TestSpark.session();
        files = MiniLmModelFiles.materialiseInTempDir();
        reference = OnnxSentenceEmbedder.open(files, OnnxSentenceEmbedder.Settings.DEFAULT.withBatchSize(1));
        texts = variedTexts(50, 42);
        unicodeTexts = unicodeSoup(100, 7);
    }

    @AfterAll
    static void stop() {
        reference.close();
    }

    @Test
    void matchesOnnxRuntimeAtBatch32() {
        assertParity(32, texts);
    }

    @Test
    void matchesOnnxRuntimeWhenLengthBucketsHoldSeveralBatches() {
        assertParity(3, texts);
    }

    @Test
    void matchesOnnxRuntimeOnCharactersTheTokenizersTreatDifferently() {
        assertParity(32, unicodeTexts);
    }

    @Test
    void everyBucketHoldsOneTokenLength() {
        Dataset<Row> bucketed = SparkNlpSentenceEmbedder.bucketByTokenLength(spark, input(texts));
        List<Set<Integer>> lengthsPerPartition = bucketed.javaRDD().mapPartitions(rows -> {
            Set<Integer> lengths = new HashSet<>();
            rows.forEachRemaining(row -> lengths.add(TokenLengths.of(row.getString(1))));
            return List.of(lengths).iterator();
        }).collect();
        assertEquals(OnnxSentenceEmbedder.MAX_TOKENS + 1, lengthsPerPartition.size());
        int distinct = 0;
        for (int p = 0; p < lengthsPerPartition.size(); p++) {
            Set<Integer> lengths = lengthsPerPartition.get(p);
            assertTrue(lengths.isEmpty() || lengths.equals(Set.of(p)), "partition " + p + " holds " + lengths);
            distinct += lengths.size();
        }
        assertTrue(distinct > 15, "the fixture should cover many lengths, got " + distinct);
        assertEquals(texts.size(), bucketed.count());
    }

    private void assertParity(int batchSize, List<String> texts) {
        List<float[]> expected = reference.embedAll(texts);
        Set<String> tmpBefore = onnxTempFolders();
        List<Row> rows;
        try (SparkNlpSentenceEmbedder embedder = SparkNlpSentenceEmbedder.load(spark, files, batchSize)) {
            rows = embedder.embed(input(texts)).collectAsList();
        }
        Set<String> left = onnxTempFolders();
        left.removeAll(tmpBefore);
        assertEquals(Set.of(), left, "Spark NLP's temporary folders left in java.io.tmpdir");

        assertEquals(texts.size(), rows.size());
        Set<String> seen = new HashSet<>();
        double worst = 1.0;
        int compared = 0;
        String worstText = null;
        for (Row row : rows) {
            String id = row.getString(0);
            assertTrue(seen.add(id), "duplicate " + id);
            String text = texts.get(Integer.parseInt(id.substring(1)));
            if (BertPreTokenizedText.of(text).isEmpty()) {
                assertTrue(row.isNullAt(1), "a text without words has no Spark NLP document, hence no vector");
                continue;
            }
            List<Float> values = row.getList(1);
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            float[] e = expected.get(Integer.parseInt(id.substring(1)));
            assertEquals(OnnxSentenceEmbedder.DIMENSION, v.length);
            assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-4, id + " is not unit length");
            double cosine = dot(v, e) / Math.sqrt(dot(v, v) * dot(e, e));
            compared++;
            if (cosine < worst) {
                worst = cosine;
                worstText = text;
            }
        }
        System.out.printf("Spark NLP batch %d vs ONNX Runtime: min cosine %.9f over %d texts%n",
                batchSize, worst, compared);
        assertTrue(worst >= 0.9999, "batch " + batchSize + ": min cosine " + worst + " for: " + worstText);
    }

    private static Set<String> onnxTempFolders() {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.contains("_onnx"))
                    .collect(java.util.stream.Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Dataset<Row> input(List<String> texts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create("m" + i, texts.get(i)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    /**
     * Texts of many token lengths and kinds: bare short titles, template texts, texts far beyond 128 tokens,
     * accents, punctuation, numbers and non-Latin scripts.
     */
    static List<String> variedTexts(int n, long seed) {
        Random random = new Random(seed);
        String[] titles = {"Heat (1995)", "Up (2009)", "M (1931)", "Se7en (1995)", "9 (2009)", "Amélie (2001)",
                "Léon: The Professional (1994)", "2001: A Space Odyssey (1968)", "1984 (1956)",
                "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)",
                "M*A*S*H (1970)", "Who's Afraid of Virginia Woolf? (1966)", "(500) Days of Summer (2009)",
                "City of Lost Children, The (Cité des enfants perdus, La) (1995)", "Crème brûlée à São Paulo",
                "Straße der Ölsardinen (1971)", "Æon Flux (2005)", "Señor Dólar: $9.99 or 3.14159%?",
                "千と千尋の神隠し (2001)", "Брат (1997)", "Ζορμπάς (1964)", "WALL·E (2008)", "!!!", "..."};
        String[] genres = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
                "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
                "War", "Western"};
        String[] tags = {"pixar", "dark comedy", "twist ending", "visually stunning", "Bill Murray", "atmospheric",
                "based on a book", "nonlinear", "mind-bending", "quirky", "naïve", "1970s", "100 minutes",
                "oscar (best picture)", "über-cool", "femme fatale", "time travel", "post-apocalyptic",
                "Quentin Tarantino", "R.I.P."};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String title = titles[i % titles.length];
            switch (i % 5) {
                case 0 -> out.add(title);
                case 1, 2 -> out.add(MovieText.of(title, pick(random, genres, 1 + random.nextInt(4)),
                        pick(random, tags, random.nextInt(11))));
                case 3 -> {
                    // far beyond 128 tokens: truncation must agree too
                    StringBuilder s = new StringBuilder(title).append(". Tags: ");
                    for (int t = 0; t < 60 + random.nextInt(40); t++) {
                        s.append(tags[random.nextInt(tags.length)]).append(", ");
                    }
                    out.add(s.toString());
                }
                default -> out.add(title + " " + random.nextInt(100_000) + " — "
                        + String.join(" ", pick(random, tags, 1 + random.nextInt(6))) + "!?");
            }
        }
        return out;
    }

    /** Random strings from the character classes where Spark NLP's and HuggingFace's tokenizers disagree. */
    static List<String> unicodeSoup(int n, long seed) {
        String[] pools = {"abcdefghij", "ABCXYZ", "0123456789", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "    ",
                "\t\n", "éèüñçÅØßœİΣ", "·‘’“”–—…¡¿«»§¶•†‰′、。「」", "\u00A0\u2007\u202F\u3000",
                "\u00AD\u200B\u200D\uFEFF", "\u0001\u000B\u0085\uFFFD", "千尋神隠", "がぎぐパ", "한국어", "Брат",
                "Ζορμπάς", "نمستे", "\u0301\u0308\u20DD", "😀🎬🫠", "𠀀豈", "$€£¥°©™"};
        return RandomText.fromPools(pools, n, 60, seed);
    }

    private static List<String> pick(Random random, String[] from, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(from[random.nextInt(from.length)]);
        }
        return picked;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
