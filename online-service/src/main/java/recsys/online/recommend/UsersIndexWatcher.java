package recsys.online.recommend;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;

/**
 * Starts a {@link PrecomputeSweep} when the {@code users} alias moves to another index: an ingest run publishes a
 * new users index whose documents have no stored lists yet (the model, and so the sweep that follows a model change,
 * may come much later). Checked at the model poll interval; one small alias request each time.
 */
@Singleton
@Requires(property = "recsys.recommendations.precompute-on-start", value = "true", defaultValue = "true")
class UsersIndexWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(UsersIndexWatcher.class);

    private final ElasticsearchClient client;
    private final String alias;
    private final PrecomputeSweep sweep;
    private final AtomicReference<Set<String>> seen = new AtomicReference<>();

    UsersIndexWatcher(ElasticsearchClient client, IndexNames names, PrecomputeSweep sweep) {
        this.client = client;
        this.alias = names.alias(IndexSchema.USERS);
        this.sweep = sweep;
    }

    @Scheduled(fixedDelay = "${recsys.model-poll-interval:10s}", initialDelay = "${recsys.model-poll-interval:10s}")
    void check() {
        Set<String> targets;
        try {
            targets = new TreeSet<>(client.indices().getAlias(a -> a.name(alias)).result().keySet());
        } catch (IOException | RuntimeException e) {
            return; // Elasticsearch down or no users index yet: health reports it; check again next time
        }
        Set<String> before = seen.getAndSet(targets);
        if (before != null && !Objects.equals(before, targets)) {
            LOG.info("{} now points at {} (was {}): computing every user's recommendations", alias, targets, before);
            sweep.request();
        }
    }
}
