package recsys.online.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * A read endpoint for {@link ApiKeyEndpointTest} only (its context sets the property): this branch has no read
 * controller of its own, and the filter must protect reads by kind of route, whoever adds them.
 */
@Controller
@Requires(property = "recsys.test.read-probe", value = "true")
class ReadProbeController {

    @Get("/test/read-probe")
    Map<String, String> probe() {
        return Map.of("read", "ok");
    }
}
