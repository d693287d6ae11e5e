package recsys.online.elasticsearch;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;
import recsys.online.config.ElasticsearchConfiguration;

/**
 * Starts every HTTP request's {@link RequestDeadline} as it arrives, before any other filter, so the time it waits
 * for a thread of the (bounded) blocking executor counts too: when Elasticsearch stalls and the threads are all
 * taken, a request that waited past its deadline fails at its first call instead of stalling in turn.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestDeadlineFilter implements Ordered {

    private final Duration budget;

    public RequestDeadlineFilter(ElasticsearchConfiguration configuration) {
        this.budget = configuration.requestDeadline();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void startDeadline(MutablePropagatedContext context) {
        context.add(RequestDeadline.after(budget));
    }
}
