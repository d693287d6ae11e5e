package recsys.online.movies;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.events.EventFields;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;
import recsys.online.config.MovieMetadataConfiguration;
import recsys.online.elasticsearch.ElasticsearchCalls;

/**
 * Tells {@link MovieMetadataCache} what other writers changed: each poll reads the movie events of the last
 * {@code change-window} from the {@code events} index (every accepted {@code /update_movie} of any instance is there,
 * and a retrain's replays come from there) and forgets those movies, and forgets everything when the {@code movies}
 * alias points to another index than at the last poll (a publish) or when no poll succeeded for a whole window (the
 * events of that time may have been missed).
 *
 * <p>Reading a window rather than the events since the last poll is what makes it safe without coordination: an event
 * becomes searchable only after Elasticsearch's refresh, and its time is its writer's clock, so it may appear late or
 * dated before the previous poll. Forgetting a movie for a whole window costs a re-read a poll, nothing more.
 */
@Singleton
public class MovieChangeWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MovieChangeWatcher.class);
    /** More changed movies than this in one window and everything is forgotten instead. */
    static final int MAX_CHANGES = 1000;

    private final ElasticsearchClient client;
    private final MovieMetadataCache cache;
    private final String movies;
    private final String events;
    private final long windowMillis;
    private final LongSupplier clock;
    private Set<String> lastTargets;
    private long lastSuccessMillis = Long.MIN_VALUE;

    public MovieChangeWatcher(ElasticsearchClient client, MovieMetadataCache cache, IndexNames names,
                              MovieMetadataConfiguration configuration) {
        this(client, cache, names, configuration, System::currentTimeMillis);
    }

    MovieChangeWatcher(ElasticsearchClient client, MovieMetadataCache cache, IndexNames names,
                       MovieMetadataConfiguration configuration, LongSupplier clock) {
        this.client = client;
        this.cache = cache;
        this.movies = names.alias(IndexSchema.MOVIES);
        this.events = names.alias(IndexSchema.EVENTS);
        this.windowMillis = configuration.changeWindow().toMillis();
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${recsys.movie-metadata.poll-interval:1s}",
            initialDelay = "${recsys.movie-metadata.poll-interval:1s}")
    void scheduledPoll() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.debug("movie metadata poll failed; trying again at the next: {}", e.getMessage());
        }
    }

    /** One poll; throws when Elasticsearch cannot be read, and then changes nothing. */
    synchronized void poll() {
        long now = clock.getAsLong();
        Set<String> targets = aliasTargets();
        SearchResponse<ObjectNode> changed = ElasticsearchCalls.call("read the latest movie events",
                () -> client.search(s -> s.index(events).ignoreUnavailable(true).allowNoIndices(true)
                        .size(MAX_CHANGES).trackTotalHits(t -> t.enabled(true))
                        .source(src -> src.filter(f -> f.includes(EventFields.MOVIE_ID)))
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(EventFields.TYPE).value(EventFields.MOVIE_TYPE)))
                                .filter(f -> f.range(r -> r.untyped(u -> u.field(EventFields.RECEIVED_AT)
                                        .gte(JsonData.of(now - windowMillis))))))), ObjectNode.class));
        long total = changed.hits().total() == null ? 0 : changed.hits().total().value();
        boolean missedSome = lastSuccessMillis == Long.MIN_VALUE || now - lastSuccessMillis >= windowMillis;
        if (missedSome || !targets.equals(lastTargets) || total > changed.hits().hits().size()) {
            cache.forgetAll();
        } else {
            Set<String> ids = new HashSet<>();
            for (Hit<ObjectNode> hit : changed.hits().hits()) {
                if (hit.source() != null && hit.source().hasNonNull(EventFields.MOVIE_ID)) {
                    ids.add(hit.source().get(EventFields.MOVIE_ID).asText());
                }
            }
            if (!ids.isEmpty()) {
                cache.forget(ids);
            }
        }
        lastTargets = targets;
        lastSuccessMillis = now;
    }

    private Set<String> aliasTargets() {
        return ElasticsearchCalls.call("read the movies alias", () -> {
            try {
                return new TreeSet<>(client.indices().getAlias(g -> g.name(movies)).result().keySet());
            } catch (ElasticsearchException e) {
                if (e.status() == 404) {
                    return Set.<String>of();
                }
                throw e;
            }
        });
    }
}
