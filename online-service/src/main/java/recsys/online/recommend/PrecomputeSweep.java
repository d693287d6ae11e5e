package recsys.online.recommend;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.model.ServingModel;
import recsys.online.model.ServingModels;
import recsys.online.users.UserStore;

/**
 * Walks every user in the background, at start and whenever a new model is loaded, and stores a fresh ranked list in
 * each user document whose list is missing, was computed from other ratings, or by another model. Requests for a
 * user the sweep has not reached yet compute the list themselves (slower, still correct). Enabled by
 * {@code recsys.recommendations.precompute-on-start}.
 *
 * <p>One sweep at a time; a sweep asked for while one runs starts again when it ends (the model may have changed
 * half-way). Sequential on purpose: it shares the two cores with the requests it is there to speed up.
 */
@Singleton
public class PrecomputeSweep {

    private static final Logger LOG = LoggerFactory.getLogger(PrecomputeSweep.class);
    private static final int PAGE = 500;
    private static final int MAX_CONSECUTIVE_FAILURES = 10;

    private final UserStore users;
    private final PrecomputedLists lists;
    private final ServingModels models;
    private final RecommendationConfiguration configuration;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "recommendations-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public PrecomputeSweep(UserStore users, PrecomputedLists lists, ServingModels models,
                           RecommendationConfiguration configuration) {
        this.users = users;
        this.lists = lists;
        this.models = models;
        this.configuration = configuration;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (configuration.precomputeOnStart()) {
            models.onChange(model -> request());
            request();
        }
    }

    /** Asks for a sweep; returns at once. */
    public void request() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            executor.execute(this::runWhileRequested);
        }
    }

    /** Whether a sweep is running or waiting to run. */
    public boolean busy() {
        return running.get() || requested.get();
    }

    private void runWhileRequested() {
        try {
            while (requested.getAndSet(false)) {
                sweepOnce();
            }
        } finally {
            running.set(false);
        }
        if (requested.get()) {
            request();
        }
    }

    private void sweepOnce() {
        long started = System.nanoTime();
        int seen = 0;
        int stored = 0;
        int failed = 0;
        int consecutiveFailures = 0;
        try {
            List<FieldValue> after = null;
            do {
                UserStore.Page page = users.page(after, PAGE);
                String version = models.current().map(ServingModel::version).orElse(null);
                for (UserStore.VersionedUser user : page.users()) {
                    seen++;
                    if (user.document().ratingCount() == 0) {
                        continue;
                    }
                    Optional<RankedList> usable = lists.usable(user.document());
                    if (usable.isEmpty() || !Objects.equals(usable.get().modelVersion(), version)) {
                        try {
                            stored += lists.recomputeNow(user) ? 1 : 0;
                            consecutiveFailures = 0;
                        } catch (RuntimeException e) {
                            // One user's failure (a rejected or timed-out write under load) must not cost every
                            // user after it their list; a run of failures means Elasticsearch is gone: stop.
                            if (++consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
                                throw e;
                            }
                            LOG.debug("no list stored for user {}: {}", user.document().userId(), e.getMessage());
                            failed++;
                        }
                    }
                }
                after = page.next();
            } while (after != null && !Thread.currentThread().isInterrupted());
            LOG.info("precomputed the recommendations of {} of {} users in {} ms ({} failed)", stored, seen,
                    (System.nanoTime() - started) / 1_000_000, failed);
        } catch (RuntimeException e) {
            // Elasticsearch down or the users index missing: the next model change or restart sweeps again, and
            // requests compute what they need meanwhile
            LOG.warn("recommendation sweep stopped after {} users: {}", seen, e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
