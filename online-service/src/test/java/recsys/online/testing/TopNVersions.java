package recsys.online.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import recsys.core.features.EncoderState;
import recsys.core.features.FeatureEncoder;
import recsys.core.model.BiasBaselineFormat;
import recsys.core.model.FeatureSchema;
import recsys.core.model.HybridModel;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelStore;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.TreeRatingModel;
import recsys.core.model.VersionLayout;
import recsys.core.topn.ItemFactors;
import recsys.core.topn.ItemNeighbours;
import recsys.core.topn.RerankWeights;
import recsys.core.topn.TopNArtifacts;
import recsys.core.topn.TopNModel;

/**
 * Model versions with a top-N ranking, for the online tests and benchmarks until the train job publishes them: a copy
 * of a version the offline train job published ({@link PublishedModels}) plus the top-N files built here in plain
 * Java, in core's formats, under core's paths and roles ({@link VersionLayout}):
 * <ul>
 *   <li>the item-item table: item-kNN cosine over the binary user × movie matrix of a MovieLens {@code ratings.csv}
 *       ({@code |U_i ∩ U_j| / √(|U_i|·|U_j|)}), the {@code neighbours} strongest per movie (a stand-in for EASE: the
 *       service only reads the table);</li>
 *   <li>the ALS item factors: fixed, seeded Gaussian vectors (the fold-in and scoring are what is served; what the
 *       factors mean does not matter to the service);</li>
 *   <li>the manifest parameters {@code topn.weights.*} and {@code topn.pool_per_source}.</li>
 * </ul>
 * When the train job publishes real top-N versions, the tests can use those and this class can go.
 */
public final class TopNVersions {

    /**
     * How the top-N files of a test version are made.
     *
     * @param neighbours    neighbours kept per movie in the item-kNN table
     * @param alsRank       rank of the fixed ALS factors
     * @param seed          seed of the ALS factors
     * @param weights       the re-ranker
     * @param poolPerSource candidates per source
     */
    public record Recipe(int neighbours, int alsRank, long seed, RerankWeights weights, int poolPerSource) {

        /**
         * The tests' recipe: item-item weighs most (so rating a movie visibly lifts its neighbours), every other
         * feature counts, the rating model's included.
         */
        public static final Recipe TESTS = new Recipe(20, 8, 42, new RerankWeights(1.0, 0.25, 0.5, 0.15, 0.1),
                TopNModel.DEFAULT_POOL_PER_SOURCE);
    }

    private TopNVersions() {
    }

    /** Suffix of the id of a top-N copy of a version: {@code <version>-topn}. */
    public static final String VERSION_SUFFIX = "-topn";

    /**
     * A storage root of its own (in the fixture's work folder) holding a copy of the fixture's models and, as
     * CURRENT, a top-N copy of the fixture's current version ({@code <version>-topn}) made by {@link Recipe#TESTS}
     * from the fixture's generated ratings. A test that serves it changes nothing another test sees.
     */
    public static Path fixtureStorageWithTopN() {
        OfflineFixture.Loaded fixture = OfflineFixture.get();
        Path storage = fixture.newFolder("topn-storage-");
        PublishedModels.copyModels(fixture.storage(), storage);
        try {
            String version = ModelStore.currentVersion(storage).orElseThrow() + VERSION_SUFFIX;
            publishTopNOfCurrent(storage, version, null, fixtureRatedMovies(), Recipe.TESTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return storage;
    }

    /** Per user, the movies they rated in the fixture's generated {@code ratings.csv}. */
    public static Map<String, Set<String>> fixtureRatedMovies() {
        return ratedMovies(OfflineFixture.get().workDirectory().resolve("data").resolve("ratings.csv"));
    }

    /** The version CURRENT names in {@code storage}. */
    public static String currentVersion(Path storage) {
        try {
            return ModelStore.currentVersion(storage).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes {@code version}: CURRENT's files (with {@code state} as the encoder state, when given) plus top-N
     * files made by {@code recipe} over the encoder state's catalogue, then moves CURRENT to it.
     *
     * @param state       the catalogue to publish, or null to keep CURRENT's
     * @param ratedMovies per user, the movies they rated (movies outside the catalogue are ignored)
     */
    public static void publishTopNOfCurrent(Path storage, String version, EncoderState state,
                                            Map<String, ? extends Collection<String>> ratedMovies, Recipe recipe) {
        try {
            EncoderState catalogueState = state != null ? state
                    : readState(ModelStore.load(storage, ModelStore.currentVersion(storage).orElseThrow()));
            List<String> catalogue = new ArrayList<>(new TreeSet<>(catalogueState.movies().keySet()));
            List<PublishedModels.ArtifactFile> files = new ArrayList<>();
            files.add(new PublishedModels.ArtifactFile(VersionLayout.ITEM_ITEM,
                    bytes(itemKnn(catalogue, ratedMovies, recipe.neighbours()))));
            files.add(new PublishedModels.ArtifactFile(VersionLayout.ALS_FACTORS,
                    bytes(fixedFactors(catalogue, recipe.alsRank(), recipe.seed()))));
            if (state != null) {
                files.add(encoderStateFile(state));
            }
            Map<String, String> topNParameters = new LinkedHashMap<>(
                    recipe.weights().toParameters(TopNArtifacts.WEIGHTS_PREFIX));
            topNParameters.put(TopNArtifacts.POOL_PER_SOURCE, Integer.toString(recipe.poolPerSource()));
            PublishedModels.publishVariantOfCurrent(storage, version, description -> {
                Map<String, String> parameters = new LinkedHashMap<>(description.parameters());
                parameters.putAll(topNParameters);
                return new ModelDescription(description.servingModel(), description.featureSchema(),
                        description.metrics(), description.dataFingerprint(), description.split(),
                        description.seed(), parameters, description.rankingBlend());
            }, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Item-kNN cosine over the binary matrix: for each catalogue movie, its {@code k} most similar movies (higher
     * cosine first, then catalogue order), positive similarities only.
     */
    public static ItemNeighbours itemKnn(List<String> catalogue, Map<String, ? extends Collection<String>> ratedMovies,
                                         int k) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < catalogue.size(); i++) {
            index.put(catalogue.get(i), i);
        }
        List<int[]> users = new ArrayList<>();
        int[] raters = new int[catalogue.size()];
        for (Collection<String> movies : new TreeMap<>(ratedMovies).values()) {
            int[] rows = new TreeSet<>(movies).stream().filter(index::containsKey).mapToInt(index::get).toArray();
            users.add(rows);
            for (int row : rows) {
                raters[row]++;
            }
        }
        List<List<int[]>> usersOf = new ArrayList<>();
        for (int i = 0; i < catalogue.size(); i++) {
            usersOf.add(new ArrayList<>());
        }
        for (int[] rows : users) {
            for (int row : rows) {
                usersOf.get(row).add(rows);
            }
        }
        int n = catalogue.size();
        int[][] neighbours = new int[n][];
        float[][] weights = new float[n][];
        int[] together = new int[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(together, 0);
            for (int[] rows : usersOf.get(i)) {
                for (int j : rows) {
                    together[j]++;
                }
            }
            // one sortable key per similar movie: the float bits of a positive similarity order like the
            // similarity; below them, MAX_VALUE - j puts the lower row first among equal similarities
            int found = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && together[j] > 0) {
                    float similarity = (float) (together[j] / Math.sqrt((double) raters[i] * raters[j]));
                    keys[found++] = ((long) Float.floatToIntBits(similarity) << 32) | (Integer.MAX_VALUE - j);
                }
            }
            Arrays.sort(keys, 0, found);
            int kept = Math.min(k, found);
            neighbours[i] = new int[kept];
            weights[i] = new float[kept];
            for (int e = 0; e < kept; e++) {
                long key = keys[found - 1 - e];
                neighbours[i][e] = Integer.MAX_VALUE - (int) (key & 0xFFFFFFFFL);
                weights[i][e] = Float.intBitsToFloat((int) (key >>> 32));
            }
        }
        return ItemNeighbours.of(catalogue, neighbours, weights);
    }

    /** Seeded Gaussian factors (standard deviation 0.1) for every id, alpha 1, regularisation 0.1. */
    public static ItemFactors fixedFactors(List<String> ids, int rank, long seed) {
        Random random = new Random(seed);
        List<float[]> factors = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            float[] f = new float[rank];
            for (int d = 0; d < rank; d++) {
                f[d] = (float) (0.1 * random.nextGaussian());
            }
            factors.add(f);
        }
        return ItemFactors.of(ids, factors, 1.0, 0.1);
    }

    /**
     * Per user, the movies they rated in a MovieLens {@code ratings.csv} ({@code userId,movieId,rating,timestamp});
     * the header and malformed lines are skipped.
     */
    public static Map<String, Set<String>> ratedMovies(Path ratingsCsv) {
        Map<String, Set<String>> rated = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(ratingsCsv, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split(",");
                if (fields.length != 4 || !isRating(fields[2])) {
                    continue;
                }
                rated.computeIfAbsent(fields[0], user -> new TreeSet<>()).add(fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rated;
    }

    private static boolean isRating(String text) {
        try {
            double rating = Double.parseDouble(text);
            return rating >= 0.5 && rating <= 5;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The top-N model of a published version read with core's calls alone (not the service's loader): what the
     * service must rank like.
     */
    public static TopNModel read(Path storage, String version) {
        try {
            LoadedVersion loaded = ModelStore.load(storage, version);
            EncoderState state = readState(loaded);
            FeatureEncoder encoder = new FeatureEncoder(state);
            ModelDescription description = loaded.manifest().description();
            boolean sparse = FeatureSchema.SPARSE.equals(description.featureSchema().representation());
            TreeEnsemble trees;
            try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
                trees = TreeEnsemble.read(in, (sparse ? encoder.sparseFeatureNames()
                        : encoder.embeddingFeatureNames()).size());
            }
            TreeRatingModel ratingModel;
            if (ModelKind.HYBRID.is(description.servingModel())) {
                try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.BIASES))) {
                    ratingModel = TreeRatingModel.hybrid(new HybridModel(BiasBaselineFormat.read(in), trees));
                }
            } else {
                ratingModel = TreeRatingModel.forest(trees, sparse);
            }
            return TopNArtifacts.load(loaded, state, ratingModel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code state} as the encoder-state file of a published copy (it replaces CURRENT's). */
    public static PublishedModels.ArtifactFile encoderStateFile(EncoderState state) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            state.write(out);
            return new PublishedModels.ArtifactFile(VersionLayout.ENCODER_STATE,
                    out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoder state of the version CURRENT names in {@code storage}. */
    public static EncoderState currentState(Path storage) {
        try {
            return readState(ModelStore.load(storage, currentVersion(storage)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EncoderState readState(LoadedVersion loaded) throws IOException {
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.ENCODER_STATE))) {
            return EncoderState.read(in);
        }
    }

    private static byte[] bytes(ItemNeighbours table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.write(out);
        return out.toByteArray();
    }

    private static byte[] bytes(ItemFactors factors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        factors.write(out);
        return out.toByteArray();
    }
}
