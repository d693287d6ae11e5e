package recsys.core.movielens;

import java.io.Serializable;
import java.util.Objects;

/**
 * One free-text tag a user put on a movie.
 *
 * @param tag       normalised by {@link Tags#normalise}: lower case, trimmed, inner whitespace collapsed
 * @param timestamp when it was applied, in epoch seconds
 */
public record Tag(String userId, String movieId, String tag, long timestamp) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Tag {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(movieId, "movieId");
        Objects.requireNonNull(tag, "tag");
    }

    /** Builds a tag from the raw fields of a line, normalising the text, or says why it cannot. */
    public static LineResult<Tag> fromFields(String userId, String movieId, String tag, String timestamp) {
        try {
            String user = Fields.entityId("userId", userId);
            String movie = Fields.entityId("movieId", movieId);
            String text = Tags.normalise(tag);
            if (text.isEmpty()) {
                return LineResult.rejected("empty tag");
            }
            return LineResult.parsed(new Tag(user, movie, text, Fields.timestamp(timestamp)));
        } catch (RejectedField e) {
            return LineResult.rejected(e.reason());
        }
    }
}
