package recsys.online;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the online recommendation service.
 *
 * <p>Configuration comes from {@code application.yml} on the class path (copied from the repository's
 * {@code conf/application.yml} at build time), overridable by environment variables and system properties,
 * e.g. {@code MICRONAUT_SERVER_PORT=9090} or {@code -Dmicronaut.server.port=9090}.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
