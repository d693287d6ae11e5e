package recsys.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests whose prerequisite may be missing on a developer's machine (a browser, a local Elasticsearch this suite may
 * stop) skip there, but must not skip in CI, where a skip would hide that the test never ran: under {@code CI=true}
 * (set by CI services, and documented in README for {@code .ci/run}) they fail instead, with the same reason.
 */
public final class ContinuousIntegration {

    /** The environment variable CI services set to {@code true}. */
    public static final String ENV = "CI";

    private ContinuousIntegration() {
    }

    public static boolean active() {
        return "true".equalsIgnoreCase(System.getenv(ENV));
    }

    /**
     * Returns when {@code prerequisite} holds. Otherwise the calling test fails under {@code CI=true} and is skipped
     * elsewhere, naming {@code reason} either way.
     */
    public static void require(boolean prerequisite, String reason) {
        if (prerequisite) {
            return;
        }
        if (active()) {
            throw new AssertionError(reason + " (CI=true: this test must run in CI, so it fails instead of skipping)");
        }
        // Surefire counts a class aborted before its first test as no test at all, so the reason is printed too
        System.out.println("[skipped] " + reason);
        Assumptions.abort(reason);
    }
}
