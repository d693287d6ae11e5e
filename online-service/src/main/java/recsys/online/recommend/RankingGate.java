package recsys.online.recommend;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import recsys.online.config.RecommendationConfiguration;
import recsys.online.elasticsearch.RequestDeadline;
import recsys.online.error.ApiException;

/**
 * Lets at most {@code recsys.recommendations.concurrent-rankings} rankings compute at once, the others waiting first
 * come first served. A ranking is CPU work over the whole catalogue, so running more of them than there are
 * processors only interleaves them: under 16 concurrent sessions on 2 cores every one of them took 8 rankings' time,
 * and the unlucky ones much more. Queued in order, each waits for the ones before it and then runs at full speed, so
 * the mean is the same and the tail shorter. A request still waiting when its deadline passes gets a 503, as when
 * Elasticsearch is slow: the client may retry.
 */
@Singleton
public class RankingGate {

    private final Semaphore permits;

    public RankingGate(RecommendationConfiguration configuration) {
        this.permits = new Semaphore(configuration.concurrentRankings() > 0 ? configuration.concurrentRankings()
                : Runtime.getRuntime().availableProcessors(), true);
    }

    /** Runs {@code ranking} once a permit is free. */
    public <T> T run(Supplier<T> ranking) {
        acquire();
        try {
            return ranking.get();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        Optional<RequestDeadline> deadline = RequestDeadline.current();
        try {
            if (deadline.isEmpty()) {
                permits.acquire();
            } else if (!permits.tryAcquire(Math.max(0, deadline.get().remainingNanos()), TimeUnit.NANOSECONDS)) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "the service is busy: no ranking could"
                        + " start within the request's deadline of " + deadline.get().budget().toMillis() + " ms",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to rank", e);
        }
    }
}
