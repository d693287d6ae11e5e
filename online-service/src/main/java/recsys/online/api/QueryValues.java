package recsys.online.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpParameters;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import recsys.online.error.ApiException;

/**
 * A request's raw query parameters, every value of each: single-valued parameters are refused when repeated
 * ({@code limit=1&limit=2} is a 400, not a silent pick), and list parameters may be repeated.
 */
public final class QueryValues {

    private final Function<String, List<String>> all;

    private QueryValues(Function<String, List<String>> all) {
        this.all = all;
    }

    public static QueryValues of(HttpParameters parameters) {
        return new QueryValues(parameters::getAll);
    }

    /** For tests and callers with a plain map. */
    public static QueryValues of(Map<String, List<String>> parameters) {
        return new QueryValues(name -> parameters.getOrDefault(name, List.of()));
    }

    /** The parameter's one value, or null when absent; a 400 naming it when it is given more than once. */
    @Nullable
    public String single(String name) {
        List<String> values = all.apply(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name, "must be given once, was given " + values.size() + " times");
        }
        return values.get(0);
    }

    /** Every value of a repeatable parameter, in request order; empty when absent. */
    public List<String> all(String name) {
        List<String> values = all.apply(name);
        return values == null ? List.of() : List.copyOf(values);
    }
}
