package recsys.online.elasticsearch;

import java.io.IOException;
import java.time.Duration;

/**
 * An Elasticsearch call cut by its request's {@link RequestDeadline}, or not started because the deadline had
 * passed. An {@link IOException}, like every other way of getting no answer, so the client's callers see it where
 * they see those; {@link ElasticsearchCalls} turns it into a 503 that says so.
 */
public final class DeadlinePassedException extends IOException {

    private final Duration budget;

    DeadlinePassedException(Duration budget, String call) {
        super("no answer within the request's deadline of " + budget.toMillis() + " ms (" + call + ")");
        this.budget = budget;
    }

    /** The request's whole budget. */
    public Duration budget() {
        return budget;
    }
}
