package recsys.core.movielens;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of parsing one line of a MovieLens file: either the parsed value or a short, human-readable reason
 * why the line was rejected.
 *
 * <p>Parsers return this instead of throwing because the Spark jobs that call them report every rejected line
 * (file name, line number, reason) and carry on; one bad line must never fail a job over millions of good ones.
 * It is {@link Serializable} because results travel between Spark stages.
 */
public sealed interface LineResult<T> extends Serializable permits LineResult.Parsed, LineResult.Rejected {

    /** The reason given for a CSV header line, so callers can skip headers without reporting them. */
    String HEADER = "header";

    static <T> LineResult<T> parsed(T value) {
        return new Parsed<>(value);
    }

    static <T> LineResult<T> rejected(String reason) {
        return new Rejected<>(reason);
    }

    boolean isParsed();

    /** The parsed value; calling it on a rejected line is a programming error. */
    T value();

    /** Why the line was rejected; calling it on a parsed line is a programming error. */
    String reason();

    default boolean isHeader() {
        return !isParsed() && HEADER.equals(reason());
    }

    default Optional<T> toOptional() {
        return isParsed() ? Optional.of(value()) : Optional.empty();
    }

    /** Continues with a step that may itself reject; a rejection so far is passed on unchanged. */
    <U> LineResult<U> flatMap(Function<? super T, LineResult<U>> next);

    record Parsed<T>(T value) implements LineResult<T> {
        private static final long serialVersionUID = 1L;

        public Parsed {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isParsed() {
            return true;
        }

        @Override
        public String reason() {
            throw new IllegalStateException("line was parsed, it has no rejection reason");
        }

        @Override
        public <U> LineResult<U> flatMap(Function<? super T, LineResult<U>> next) {
            return Objects.requireNonNull(next.apply(value), "next step returned null");
        }
    }

    record Rejected<T>(String reason) implements LineResult<T> {
        private static final long serialVersionUID = 1L;

        public Rejected {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }

        @Override
        public boolean isParsed() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("line was rejected: " + reason);
        }

        @Override
        public <U> LineResult<U> flatMap(Function<? super T, LineResult<U>> next) {
            return new Rejected<>(reason);
        }
    }
}
