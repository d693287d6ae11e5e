package recsys.core.model;

import java.io.IOException;

/** A tree ensemble file that cannot be loaded: not ours, another format version, truncated, corrupted or mismatched. */
public final class TreeEnsembleFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public TreeEnsembleFormatException(String message) {
        super(message);
    }

    public TreeEnsembleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
