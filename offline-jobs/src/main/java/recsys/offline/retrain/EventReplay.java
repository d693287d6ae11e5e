package recsys.offline.retrain;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.core.index.MovieDocuments;
import recsys.core.ratings.UserHistory;

/**
 * Applies the events received after a retrain's snapshot to the live indices, so a write the service acknowledged
 * while the retrain ran is not lost when the retrain's new indices replace the ones it went to. For each movie, and
 * each (user, movie), only its latest event by arrival counts ({@link UserHistory#replay}); a movie's latest event
 * is written whole. Running it again changes nothing, so the retrain runs it into the run's indices before their
 * swap and through the aliases after it.
 *
 * <p>Users and movies are written conditional on the version read, and each round reads the documents before
 * their events ({@code writeRatings} says why that order makes a live write never lost); a write that lost a race
 * to the service is read again in the next round.
 */
public final class EventReplay {

    /** What a replay changed. */
    public record Counts(long events, int usersChanged, int moviesWritten) {
    }

    private static final int PAGE = 1000;
    private static final int MAX_ROUNDS = 100;

    private record RatingEvent(double rating, long timestamp) {
    }

    /** The events of these ids only: {@code field} holds the id, {@code type} is the events' type. */
    private record Selection(String field, String type, Collection<String> ids) {
    }

    private record Stored(long seqNo, long primaryTerm) {
    }

    private final ElasticsearchClient client;
    private final IndexNames names;

    public EventReplay(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Applies every event received after {@code afterMillis} to the live indices (through their aliases). */
    public Counts replay(long afterMillis) {
        Map<IndexSchema, String> aliases = new EnumMap<>(IndexSchema.class);
        for (IndexSchema schema : List.of(IndexSchema.MOVIES, IndexSchema.USERS, IndexSchema.MOVIE_VECTORS)) {
            aliases.put(schema, names.alias(schema));
        }
        return replay(afterMillis, aliases, true);
    }

    /**
     * Applies them to a run's indices before they are published ({@code movies}, {@code users} and
     * {@code movie_vectors} by schema), so the swap already brings the writes made during the run.
     */
    public Counts replayInto(long afterMillis, Map<IndexSchema, String> indices) {
        try {
            // a write to a missing index would create it with a guessed mapping, and the swap would publish that
            if (!client.indices().exists(e -> e.index(List.copyOf(indices.values()))).value()) {
                throw new IllegalStateException("an index of the run is missing: " + indices.values());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the run's indices", e);
        }
        return replay(afterMillis, indices, false);
    }

    private Counts replay(long afterMillis, Map<IndexSchema, String> targets, boolean throughAliases) {
        try {
            String events = names.alias(IndexSchema.EVENTS);
            if (!client.indices().existsAlias(a -> a.name(events)).value()) {
                return new Counts(0, 0, 0);
            }
            Map<String, Map<String, RatingEvent>> ratings = new LinkedHashMap<>();
            Map<String, JsonNode> movies = new LinkedHashMap<>();
            long count = read(afterMillis, null, ratings, movies);
            int moviesWritten = writeMovies(afterMillis, movies.keySet(), targets, throughAliases);
            int usersChanged = writeRatings(afterMillis, ratings.keySet(), targets, throughAliases);
            return new Counts(count, usersChanged, moviesWritten);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the events log", e);
        }
    }

    /**
     * Reads the events received after {@code afterMillis} (when {@code only} is given, those of its ids only),
     * oldest first, keeping the latest rating event of each (user, movie) and the latest event of each movie;
     * returns how many it read.
     */
    private long read(long afterMillis, Selection only, Map<String, Map<String, RatingEvent>> ratings,
                      Map<String, JsonNode> movies) throws IOException {
        String events = names.alias(IndexSchema.EVENTS);
        client.indices().refresh(r -> r.index(events));
        long count = 0;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page = client.search(s -> {
                s.index(events).size(PAGE)
                        .query(q -> q.bool(b -> {
                            b.filter(f -> f.range(r -> r.untyped(u -> u.field(EventFields.RECEIVED_AT)
                                    .gt(JsonData.of(afterMillis)))));
                            if (only != null) {
                                b.filter(f -> f.terms(t -> t.field(only.field()).terms(v -> v.value(
                                        only.ids().stream().map(FieldValue::of).toList()))));
                                b.filter(f -> f.term(t -> t.field(EventFields.TYPE).value(only.type())));
                            }
                            return b;
                        }))
                        .sort(o -> o.field(f -> f.field(EventFields.RECEIVED_AT).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field(EventFields.EVENT_ID).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            List<Hit<ObjectNode>> hits = page.hits().hits();
            for (Hit<ObjectNode> hit : hits) {
                JsonNode event = hit.source();
                count++;
                String movie = event.get(EventFields.MOVIE_ID).asText();
                if (EventFields.MOVIE_TYPE.equals(event.path(EventFields.TYPE).asText())) {
                    movies.put(movie, event);
                } else {
                    ratings.computeIfAbsent(event.get(EventFields.USER_ID).asText(), u -> new LinkedHashMap<>())
                            .put(movie, new RatingEvent(event.get(EventFields.RATING).asDouble(),
                                    event.get(EventFields.TIMESTAMP).asLong()));
                }
            }
            if (hits.size() < PAGE) {
                return count;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /**
     * Sets each movie to its latest event, written whole: the described fields of its {@code movies} document (the
     * statistics ingest computed are kept) and its vector. Each round reads the movies and vectors before their
     * events and writes conditional on what it read, as {@code writeRatings} does and for the same reason.
     */
    private int writeMovies(long afterMillis, Collection<String> movieIds, Map<IndexSchema, String> targets,
                            boolean throughAliases) throws IOException {
        String moviesIndex = targets.get(IndexSchema.MOVIES);
        String vectorsIndex = targets.get(IndexSchema.MOVIE_VECTORS);
        Set<String> pendingIds = new LinkedHashSet<>(movieIds);
        int written = 0;
        for (int round = 1; !pendingIds.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException("the fields of " + pendingIds.size() + " movie(s) could not be "
                        + "replayed after " + MAX_ROUNDS + " rounds of concurrent writes");
            }
            List<String> ids = List.copyOf(pendingIds);
            Map<String, Stored> storedMovies = stored(moviesIndex, ids);
            Map<String, Stored> storedVectors = stored(vectorsIndex, ids);
            Map<String, JsonNode> latest = new LinkedHashMap<>();
            read(afterMillis, new Selection(EventFields.MOVIE_ID, EventFields.MOVIE_TYPE, ids), new HashMap<>(),
                    latest);
            BulkRequest.Builder bulk = new BulkRequest.Builder().requireAlias(throughAliases);
            for (Map.Entry<String, JsonNode> entry : latest.entrySet()) {
                String id = entry.getKey();
                JsonNode event = entry.getValue();
                JsonNode year = event.get(EventFields.YEAR);
                Map<String, Object> described = MovieDocuments.described(event.get(EventFields.TITLE).asText(),
                        year == null || year.isNull() ? null : year.asInt(), strings(event.get(EventFields.GENRES)),
                        strings(event.get(EventFields.TAGS)));
                Stored movie = storedMovies.get(id);
                if (movie == null) {
                    Map<String, Object> whenNew = MovieDocuments.whenNew(id, described);
                    bulk.operations(op -> op.create(c -> c.index(moviesIndex).id(id).document(whenNew)));
                } else {
                    bulk.operations(op -> op.update(u -> u.index(moviesIndex).id(id)
                            .ifSeqNo(movie.seqNo()).ifPrimaryTerm(movie.primaryTerm()).action(a -> a.doc(described))));
                }
                JsonNode vector = event.get(EventFields.VECTOR);
                if (vector != null && vector.isArray()) {
                    float[] values = new float[vector.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) vector.get(i).asDouble();
                    }
                    Map<String, Object> document = MovieDocuments.vector(id, values);
                    Stored old = storedVectors.get(id);
                    if (old == null) {
                        bulk.operations(op -> op.create(c -> c.index(vectorsIndex).id(id).document(document)));
                    } else {
                        bulk.operations(op -> op.index(x -> x.index(vectorsIndex).id(id).document(document)
                                .ifSeqNo(old.seqNo()).ifPrimaryTerm(old.primaryTerm())));
                    }
                }
            }
            pendingIds.retainAll(latest.keySet());
            if (pendingIds.isEmpty()) {
                break;
            }
            Set<String> raced = new HashSet<>();
            for (BulkResponseItem item : client.bulk(bulk.build()).items()) {
                if (item.status() == 409) {
                    raced.add(item.id()); // a live write won the race: read the movie again next round
                } else if (item.error() != null) {
                    throw new IllegalStateException("replaying movie " + item.id() + " into " + item.index()
                            + " failed: " + item.error().type() + " " + item.error().reason());
                }
            }
            for (String id : List.copyOf(pendingIds)) {
                if (!raced.contains(id)) {
                    pendingIds.remove(id);
                    written++;
                }
            }
        }
        return written;
    }

    /** The version of each of {@code ids} found in {@code index}. */
    private Map<String, Stored> stored(String index, List<String> ids) throws IOException {
        MgetResponse<ObjectNode> read = client.mget(m -> m.index(index).ids(ids).sourceExcludes("*"),
                ObjectNode.class);
        Map<String, Stored> found = new HashMap<>();
        for (MultiGetResponseItem<ObjectNode> item : read.docs()) {
            if (item.isFailure()) {
                throw new IllegalStateException("reading " + item.failure().id() + " from " + index + " failed: "
                        + item.failure().error().reason());
            }
            if (item.result().found()) {
                found.put(item.result().id(), new Stored(item.result().seqNo(), item.result().primaryTerm()));
            }
        }
        return found;
    }

    /**
     * Sets each (user, movie) to its latest event. Each round reads the users first and their events second: the
     * service appends an event before it writes the user, so a write that the read of a user saw has its event in
     * the second read, and a write after it changes the user's version and fails this round's conditional write.
     * The latest event (by arrival) is therefore never older than the stored rating it replaces, whatever the
     * ratings' timestamps say (the service stamps after a history's latest, which need not be the clock).
     */
    private int writeRatings(long afterMillis, Collection<String> userIds, Map<IndexSchema, String> targets,
                             boolean throughAliases) throws IOException {
        String users = targets.get(IndexSchema.USERS);
        Set<String> pendingIds = new LinkedHashSet<>(userIds);
        int changed = 0;
        for (int round = 1; !pendingIds.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException("the ratings of " + pendingIds.size() + " user(s) could not be "
                        + "replayed after " + MAX_ROUNDS + " rounds of concurrent writes");
            }
            MgetResponse<ObjectNode> read = client.mget(m -> m.index(users).ids(List.copyOf(pendingIds)),
                    ObjectNode.class);
            Map<String, Map<String, RatingEvent>> pending = new LinkedHashMap<>();
            read(afterMillis, new Selection(EventFields.USER_ID, EventFields.RATING_TYPE, pendingIds), pending,
                    new HashMap<>());
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(users).requireAlias(throughAliases);
            int writes = 0;
            Map<String, Boolean> unchanged = new HashMap<>();
            for (MultiGetResponseItem<ObjectNode> item : read.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("reading user " + item.failure().id() + " failed: "
                            + item.failure().error().reason());
                }
                var result = item.result();
                boolean exists = result.found() && result.source() != null;
                UserHistory before = exists ? UserHistory.fromSource(result.source()) : UserHistory.empty();
                UserHistory after = before;
                for (Map.Entry<String, RatingEvent> rating : pending.getOrDefault(result.id(), Map.of()).entrySet()) {
                    after = after.replay(rating.getKey(), rating.getValue().rating(), rating.getValue().timestamp());
                }
                if (after.equals(before)) {
                    unchanged.put(result.id(), true);
                    continue;
                }
                Map<String, Object> document = after.toDocument(result.id());
                writes++;
                if (exists) {
                    bulk.operations(op -> op.index(i -> i.id(result.id()).document(document)
                            .ifSeqNo(result.seqNo()).ifPrimaryTerm(result.primaryTerm())));
                } else {
                    bulk.operations(op -> op.create(c -> c.id(result.id()).document(document)));
                }
            }
            unchanged.keySet().forEach(pendingIds::remove);
            if (writes == 0) {
                break;
            }
            BulkResponse response = client.bulk(bulk.build());
            List<String> written = new ArrayList<>();
            for (BulkResponseItem item : response.items()) {
                if (item.status() == 409) {
                    continue; // a live write won the race: read it again next round
                }
                if (item.error() != null) {
                    throw new IllegalStateException("replaying user " + item.id() + " failed: "
                            + item.error().type() + " " + item.error().reason());
                }
                written.add(item.id());
            }
            changed += written.size();
            written.forEach(pendingIds::remove);
        }
        return changed;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node != null && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }
}
