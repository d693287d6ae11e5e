package recsys.online.elasticsearch;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The instant by which everything one HTTP request asks of Elasticsearch must be done
 * ({@code recsys.es.request-deadline} after it arrived, {@link RequestDeadlineFilter}). It travels in Micronaut's
 * propagated context, so it follows the request onto the blocking executor and into the searches it hands to other
 * threads ({@link PropagatedContext#wrapCurrent}); {@link DeadlineHttpClient}, through which every call of the
 * service's client goes, gives each call only what is left of it. Calls made outside any request (background writes,
 * refreshes, the model poll) have no deadline and are bounded by the client's socket timeout.
 *
 * <p>Mutable on purpose, and only ever moved later, for time that did not go to a slow Elasticsearch: work the
 * service does itself and whose time grows with the request's size (embedding the movies of a batch) may be
 * {@link #excluding excluded}, which moves the instant back by as long as it took; and a write that lost a race to
 * other writers and tries again {@link #restartCurrent restarts} it, since its time went to their writes. A stalled
 * Elasticsearch still ends such a request at the first deadline, as a failed call is never tried again.
 */
public final class RequestDeadline implements PropagatedContextElement {

    private final Duration budget;
    /** {@link System#nanoTime()} at which the deadline passes. */
    private final AtomicLong passesAt;

    private RequestDeadline(Duration budget, long passesAt) {
        this.budget = budget;
        this.passesAt = new AtomicLong(passesAt);
    }

    /** A deadline {@code budget} from now. */
    public static RequestDeadline after(Duration budget) {
        return new RequestDeadline(budget, System.nanoTime() + budget.toNanos());
    }

    /** The deadline of the request this thread works for, if any. */
    public static Optional<RequestDeadline> current() {
        return PropagatedContext.find().flatMap(context -> context.find(RequestDeadline.class));
    }

    /**
     * Runs {@code work} under a deadline {@code budget} from now, or the current one when that passes first: for
     * calls that must answer promptly even when no request deadline is around them (the health check).
     */
    public static <T> T within(Duration budget, Supplier<T> work) {
        RequestDeadline own = after(budget);
        RequestDeadline deadline = current().filter(outer -> outer.remainingNanos() < own.remainingNanos())
                .orElse(own);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(deadline).propagate()) {
            return work.get();
        }
    }

    /**
     * Runs {@code work}, and moves the current request's deadline (if any) back by as long as it took: for the
     * service's own computing whose time grows with the request (the embedding of a batch of movies).
     */
    public static <T> T excluding(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long took = System.nanoTime() - start;
            current().ifPresent(deadline -> deadline.passesAt.addAndGet(took));
        }
    }

    /**
     * Gives the current request's deadline (if any) its whole budget again from now: for a new attempt of work that
     * lost a race to other requests (a conditional write that conflicted), each attempt being bounded like a request.
     */
    public static void restartCurrent() {
        current().ifPresent(deadline -> deadline.passesAt.accumulateAndGet(System.nanoTime()
                + deadline.budget.toNanos(), Math::max));
    }

    /** The whole budget the request was given ({@code recsys.es.request-deadline}). */
    public Duration budget() {
        return budget;
    }

    /** Nanoseconds left; zero or less once the deadline has passed. */
    public long remainingNanos() {
        return passesAt.get() - System.nanoTime();
    }

    /** The failure of a call that the deadline cut (or never let start). */
    DeadlinePassedException passed(String call) {
        return new DeadlinePassedException(budget, call);
    }
}
