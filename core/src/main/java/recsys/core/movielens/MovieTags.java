package recsys.core.movielens;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A movie's tags as a client gives them (the online {@code /update_movie} endpoint), cleaned by the same rule ingest
 * applies to every tag line ({@link Tags#normalise}: lower case, trimmed, inner whitespace collapsed), so a tag
 * written online and the same tag ingested from a tags file are one tag.
 *
 * <p>Ingest orders a movie's tags by how many users applied each ({@link TagRanking}); a client's list carries no
 * counts, so its order is taken as the ranking (most agreed-on first), which is what {@code MovieText} expects.
 */
public final class MovieTags {

    private MovieTags() {
    }

    /** Normalised, blanks dropped, the first of each duplicate kept, in the order given. */
    public static List<String> normalise(Collection<String> rawTags) {
        Set<String> tags = new LinkedHashSet<>();
        for (String raw : rawTags) {
            String tag = Tags.normalise(raw);
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return List.copyOf(tags);
    }
}
