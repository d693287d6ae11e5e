package recsys.offline.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.elasticsearch.spark.rdd.api.java.JavaEsSpark;
import recsys.core.features.EncoderState;
import recsys.core.features.RatedMovie;
import recsys.core.index.UserFields;
import recsys.core.model.LoadedVersion;
import recsys.core.model.PublishedModels;
import recsys.core.topn.TopNArtifacts;
import recsys.core.topn.TopNModel;
import recsys.offline.models.ModelPublisher;
import recsys.offline.models.PublishedVersionReader;
import recsys.offline.storage.StorageLayout;

/**
 * Computes every user's recommendation list in Spark and stores it in their {@code users} document, so the online
 * service answers a known user from one document read and needs no start-up sweep, however many users there are.
 *
 * <p>Reads every user document (id and ratings) with elasticsearch-spark, ranks each user's current ratings with the
 * CURRENT version's top-N model through core's {@link TopNModel} (what the service runs, so a list stored here equals
 * the one the service would compute), and writes the derived field {@code recommendations} by partial update: the
 * movie ids, the {@link UserFields#ratingsFingerprint ratings fingerprint} of the ratings ranked, the model version
 * and the path {@link UserFields.StoredList#TOP_N_PATH} (the fields of {@link UserFields.StoredList}; the writers'
 * split of the document is described in {@link UserFields}). A user who rates something while the job runs gets a list with the old fingerprint, which the service
 * ignores and recomputes; nothing the user wrote is touched (the update names only the derived field).
 */
public final class UserListsJob {

    private static final int PARTITIONS_PER_CORE = 3;

    private final SparkSession spark;
    private final StorageLayout storage;
    private final String usersAlias;
    private final int listSize;
    private final Clock clock;
    private final PrintStream out;

    /**
     * @param usersAlias the {@code users} alias to read and update
     * @param listSize   movies per list: the service's {@code max-limit}
     */
    public UserListsJob(SparkSession spark, StorageLayout storage, String usersAlias, int listSize, Clock clock,
                        PrintStream out) {
        if (listSize < 1) {
            throw new IllegalArgumentException("list size must be at least 1, got " + listSize);
        }
        this.spark = spark;
        this.storage = storage;
        this.usersAlias = usersAlias;
        this.listSize = listSize;
        this.clock = clock;
        this.out = out;
    }

    /** What one run wrote. */
    public record Report(String version, long users, long lists, double seconds) {
        public String summaryLine() {
            return String.format("lists: %,d of %,d users ranked with model version %s and stored in %.1f s", lists,
                    users, version, seconds);
        }
    }

    /** Ranks every user with the CURRENT version; empty when no version with a top-N model is published. */
    public Optional<Report> run() {
        Optional<String> current = new ModelPublisher(storage).currentVersion();
        if (current.isEmpty()) {
            out.println("lists: no published model version, nothing to rank with");
            return Optional.empty();
        }
        return run(current.get());
    }

    /** Ranks every user with {@code version} (a retrain's, before it serves); empty when it has no top-N model. */
    public Optional<Report> run(String version) {
        long started = System.nanoTime();
        TopNModel model;
        try {
            LoadedVersion loaded = PublishedVersionReader.load(storage, version);
            if (!TopNArtifacts.present(loaded)) {
                out.println("lists: model version " + version + " has no top-N ranking; lists left to the service");
                return Optional.empty();
            }
            EncoderState state = PublishedModels.encoderState(loaded);
            model = TopNArtifacts.load(loaded, state, PublishedModels.ratingModel(loaded, state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model version " + version, e);
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<TopNModel> shared = context.broadcast(model);
        LongAccumulator users = spark.sparkContext().longAccumulator("users");
        String computedAt = clock.instant().toString();
        int size = listSize;
        try {
            // the settings maps are mutable: elasticsearch-spark adds to the map it is given
            JavaRDD<String> updates = JavaEsSpark.esJsonRDD(context, new HashMap<>(Map.of("es.resource", usersAlias,
                            "es.read.source.filter", String.join(",", UserFields.USER_ID, UserFields.MOVIE_IDS,
                                    UserFields.RATINGS))))
                    .values()
                    // elasticsearch-spark reads a shard as one partition (up to es.input.max.docs.per.partition
                    // documents), so a one-shard users index would be ranked on one core: the documents are spread
                    // over every core, a few partitions each so that no core idles behind a slow partition
                    .repartition(context.defaultParallelism() * PARTITIONS_PER_CORE)
                    .mapPartitions((Iterator<String> documents) -> {
                        ObjectMapper json = new ObjectMapper();
                        TopNModel.Prepared prepared = shared.value().prepared();
                        List<String> written = new ArrayList<>();
                        while (documents.hasNext()) {
                            users.add(1);
                            String update = update(json, json.readTree(documents.next()), prepared, size, version,
                                    computedAt);
                            if (update != null) {
                                written.add(update);
                            }
                        }
                        return written.iterator();
                    })
                    .cache();
            long lists = updates.count();
            JavaEsSpark.saveJsonToEs(updates, usersAlias, Map.of(
                    "es.mapping.id", UserFields.USER_ID,
                    "es.write.operation", "update",
                    "es.batch.size.entries", "1000",
                    "es.batch.write.retry.count", "6"));
            updates.unpersist();
            Report report = new Report(version, users.value(), lists, (System.nanoTime() - started) / 1e9);
            out.println(report.summaryLine());
            return Optional.of(report);
        } finally {
            shared.destroy();
        }
    }

    /** The partial update of one user document, or null for a user without ratings (popularity serves them). */
    static String update(ObjectMapper json, JsonNode user, TopNModel.Prepared model, int size, String version,
                         String computedAt) throws IOException {
        JsonNode ids = user.path(UserFields.MOVIE_IDS);
        JsonNode values = user.path(UserFields.RATINGS);
        if (!ids.isArray() || ids.isEmpty() || ids.size() != values.size()) {
            return null;
        }
        List<String> movieIds = new ArrayList<>(ids.size());
        List<Double> ratings = new ArrayList<>(ids.size());
        List<RatedMovie> rated = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            movieIds.add(ids.get(i).asText());
            ratings.add(values.get(i).asDouble());
            rated.add(new RatedMovie(movieIds.get(i), ratings.get(i)));
        }
        ObjectNode document = json.createObjectNode();
        document.put(UserFields.USER_ID, user.path(UserFields.USER_ID).asText());
        ObjectNode list = document.putObject(UserFields.RECOMMENDATIONS);
        ArrayNode top = list.putArray(UserFields.StoredList.MOVIE_IDS);
        model.top(rated, size).forEach(top::add);
        list.put(UserFields.StoredList.RATINGS_FINGERPRINT, UserFields.ratingsFingerprint(movieIds, ratings));
        list.put(UserFields.StoredList.MODEL_VERSION, version);
        list.put(UserFields.StoredList.PATH, UserFields.StoredList.TOP_N_PATH);
        list.put(UserFields.StoredList.COMPUTED_AT, computedAt);
        return json.writeValueAsString(document);
    }

}
