package recsys.core.model;

import java.util.regex.Pattern;

/**
 * Names in the {@code models/} folder under the storage root, shared by the publisher (offline-jobs) and the
 * {@link ModelStore} (online service):
 * <pre>
 *   models/&lt;version&gt;/                         a published version, laid out as {@link VersionLayout} says
 *   models/&lt;version&gt;.tmp-&lt;random&gt;/              a version being written; never read
 *   models/CURRENT                            the version id the online service serves, one line
 *   models/SERVED                             every version CURRENT has named, one per line, oldest first
 * </pre>
 * Version ids sort by age (as {@code RunIds} makes them), which retention relies on.
 */
public final class ModelVersions {

    public static final String MODELS_DIR = "models";
    public static final String CURRENT = "CURRENT";
    /**
     * The history of CURRENT: what a rollback goes back to and what retention keeps. Only the offline side reads it;
     * a version that was trained but never served (a gate refused it, its run failed) is not in it.
     */
    public static final String SERVED = "SERVED";
    /** Separates a version id from the random suffix of its staging folder (and of a pointer being replaced). */
    public static final String TEMPORARY_MARKER = ".tmp-";

    private static final Pattern VERSION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");

    private ModelVersions() {
    }

    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit: no dots, so never a staging name. */
    public static String check(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("model version \"" + version + "\" must be 1-128 lower-case letters, "
                    + "digits, '-' or '_', starting with a letter or digit");
        }
        return version;
    }

    public static boolean isVersion(String name) {
        return name != null && VERSION.matcher(name).matches();
    }
}
