package recsys.online.movies;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import recsys.core.movielens.StandardGenres;
import recsys.online.recommend.PopularityRanking;

/**
 * The genres a posted movie may have: the loaded catalogue's (read from the {@code movies} index) and the MovieLens
 * releases' ({@link StandardGenres}), compared ignoring case and written in their spelling. A genre outside both is
 * a typo far more often than a new genre, and once stored it would split the genre filter and the genre features;
 * a deployment with genres of its own loads them through ingest.
 */
@Singleton
public class GenreVocabulary {

    private final Supplier<Catalogue> catalogue;

    @Inject
    public GenreVocabulary(PopularityRanking popularity) {
        this(popularity::catalogue);
    }

    /** @param catalogue the loaded catalogue's facts, asked each time (the popularity ranking caches them) */
    public GenreVocabulary(Supplier<Catalogue> catalogue) {
        this.catalogue = catalogue;
    }

    /** The vocabulary's spelling of {@code genre}, if it has it. */
    public Optional<String> spelling(String genre) {
        Optional<String> inCatalogue = catalogue.get().genre(genre);
        if (inCatalogue.isPresent()) {
            return inCatalogue;
        }
        String wanted = genre.trim().toLowerCase(Locale.ROOT);
        return StandardGenres.ALL.stream().filter(g -> g.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Every genre accepted, sorted, for an error message. */
    public String describe() {
        return String.join(", ", new TreeSet<>(Stream.concat(StandardGenres.ALL.stream(),
                catalogue.get().genres().stream()).toList()));
    }
}
