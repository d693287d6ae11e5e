package recsys.online;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Entry point of the online recommendation service.
 *
 * <p>Configuration comes from {@code application.yml} on the class path (copied from the repository's
 * {@code conf/application.yml} at build time), overridable by environment variables and system properties,
 * e.g. {@code MICRONAUT_SERVER_PORT=9090} or {@code -Dmicronaut.server.port=9090}.
 */
@OpenAPIDefinition(info = @Info(title = "movie-recommender", version = "0.1.0",
        description = "Movie recommendations over Elasticsearch and the models the offline jobs publish"))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
