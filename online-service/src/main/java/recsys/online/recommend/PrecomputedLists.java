package recsys.online.recommend;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.index.UserFields;
import recsys.core.index.UserFields.StoredList;
import recsys.online.users.StoredRecommendations;
import recsys.online.users.UserDocument;
import recsys.online.users.UserStore;

/**
 * The ranked lists stored in user documents (the derived field {@code recommendations}): whether a stored list may
 * serve a request, and storing new ones in the background so a request never waits for the write.
 *
 * <p>Who stores them: the offline job writes every user's list for a newly trained model version (path
 * {@link StoredList#TOP_N_PATH}, that version, the fingerprint of core's {@link UserFields#ratingsFingerprint}); this
 * service stores a list it had to compute for a request. The service never walks the users itself, so it is ready
 * in seconds whatever their number; a user whose list is missing or stale costs their next request one online
 * computation.
 *
 * <p>A stored list serves only if its ratings fingerprint matches the user's current ratings; otherwise the user
 * rated something since, and the list is recomputed before answering. A list from another model version still
 * serves (it is a good list, just not the newest model's) while a recomputation is queued.
 *
 * <p>Writes are conditional on the document being unchanged since it was read ({@code if_seq_no}), so a list
 * never lands on ratings it was not computed from; one background thread, a bounded queue, one pending job per
 * user; when the queue is full the job is dropped (the user's next request queues it again).
 */
@Singleton
public class PrecomputedLists {

    private static final Logger LOG = LoggerFactory.getLogger(PrecomputedLists.class);
    private static final int QUEUE = 10_000;

    private final UserStore users;
    private final RankedListComputer computer;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "recommendations-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public PrecomputedLists(UserStore users, RankedListComputer computer) {
        this.users = users;
        this.computer = computer;
    }

    /** The user's stored list if it was computed from their current ratings. */
    public Optional<RankedList> usable(UserDocument user) {
        StoredRecommendations stored = user.recommendations();
        if (stored == null || !Objects.equals(stored.ratingsFingerprint(), user.ratingsFingerprint())) {
            return Optional.empty();
        }
        RankingPath path;
        try {
            path = RankingPath.fromLabel(stored.path());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = StoredList.NO_MODEL.equals(stored.modelVersion()) ? null : stored.modelVersion();
        return Optional.of(new RankedList(stored.movieIds(), path, version));
    }

    /** Whether a usable list was ranked with another model than {@code currentVersion} (null: no model). */
    public static boolean staleModel(RankedList list, @Nullable String currentVersion) {
        return !Objects.equals(list.modelVersion(), currentVersion);
    }

    /** Queues storing {@code list}, computed from the document read as {@code user}. */
    public void storeLater(UserStore.VersionedUser user, RankedList list) {
        submit(user, () -> store(user, list));
    }

    /** Queues recomputing and storing the list of {@code user}. */
    public void recomputeLater(UserStore.VersionedUser user) {
        submit(user, () -> store(user, computer.compute(user.document())));
    }

    private void submit(UserStore.VersionedUser user, Runnable job) {
        String id = user.document().userId();
        if (!pending.add(id)) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    LOG.warn("could not store the recommendations of user {}: {}", id, e.getMessage());
                } finally {
                    pending.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(id);
        }
    }

    private boolean store(UserStore.VersionedUser user, RankedList list) {
        return users.saveRecommendations(user, new StoredRecommendations(list.movieIds(),
                user.document().ratingsFingerprint(),
                list.modelVersion() == null ? StoredList.NO_MODEL : list.modelVersion(),
                list.path().label(), Instant.now().toString()));
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
