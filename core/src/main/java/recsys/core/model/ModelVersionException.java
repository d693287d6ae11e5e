package recsys.core.model;

import java.io.IOException;

/**
 * A published model version that must not be served: CURRENT names a version that is missing, its manifest is
 * unreadable, or an artifact is missing, of the wrong size or has the wrong checksum. The message names the version
 * and the file.
 */
public final class ModelVersionException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelVersionException(String message) {
        super(message);
    }

    public ModelVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
