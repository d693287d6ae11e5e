package recsys.core.model;

import java.io.IOException;

/** A manifest that cannot be used: not JSON, an unsupported format version, or a field missing or invalid. */
public final class ModelManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelManifestException(String message) {
        super(message);
    }

    public ModelManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
