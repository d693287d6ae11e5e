package recsys.core.movielens;

/**
 * Raised by the field checks in {@link Fields} and caught by the record factories, which turn it into a
 * {@link LineResult.Rejected}. It lets a factory read as a straight list of checks instead of nested results;
 * it never leaves this package.
 */
final class RejectedField extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedField(String reason) {
        // No stack trace: this is an expected outcome on bad input, not a bug, and may happen on many lines.
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
