package recsys.core.movielens;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MovieLens releases this project reads, told apart by the files in their folder.
 */
public enum MovieLensFormat {

    /** ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m: UTF-8 CSV with headers. */
    ML_LATEST_CSV("movies.csv", "ratings.csv", "tags.csv", "links.csv", StandardCharsets.UTF_8, true,
            new LatestCsvParser()),

    /** ml-1m and ml-10m: {@code ::}-separated; only ml-10m ships tags.dat. */
    ML_DAT("movies.dat", "ratings.dat", "tags.dat", null, StandardCharsets.ISO_8859_1, false,
            new DatParser()),

    /** ml-100k: u.item and u.data; no tags, no links. */
    ML_100K("u.item", "u.data", null, null, StandardCharsets.ISO_8859_1, false, new Ml100kParser());

    private final String moviesFile;
    private final String ratingsFile;
    private final String tagsFile; // null: the format has no tags
    private final String linksFile; // null: the format has no links
    private final Charset charset;
    private final boolean hasHeader;
    private final MovieLensParser parser;

    MovieLensFormat(String moviesFile, String ratingsFile, String tagsFile, String linksFile, Charset charset,
                    boolean hasHeader, MovieLensParser parser) {
        this.moviesFile = moviesFile;
        this.ratingsFile = ratingsFile;
        this.tagsFile = tagsFile;
        this.linksFile = linksFile;
        this.charset = charset;
        this.hasHeader = hasHeader;
        this.parser = parser;
    }

    /**
     * The format whose movies and ratings files are both in the folder. Names may be bare or full paths
     * (as a Hadoop file listing gives them). A folder matching no format, or more than one, gives empty:
     * guessing between two releases would silently load the wrong one.
     */
    public static Optional<MovieLensFormat> detect(Collection<String> fileNamesInFolder) {
        Set<String> names = fileNamesInFolder.stream().map(MovieLensFormat::baseName).collect(Collectors.toSet());
        List<MovieLensFormat> matches = Arrays.stream(values())
                .filter(f -> names.contains(f.moviesFile) && names.contains(f.ratingsFile))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static String baseName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    public String moviesFile() {
        return moviesFile;
    }

    public String ratingsFile() {
        return ratingsFile;
    }

    /** The tags file this format would have; a given folder may still lack it (ml-1m has no tags.dat). */
    public Optional<String> tagsFile() {
        return Optional.ofNullable(tagsFile);
    }

    public Optional<String> linksFile() {
        return Optional.ofNullable(linksFile);
    }

    /** The encoding of all the format's files: UTF-8 for the CSV releases, Latin-1 for the .dat and ml-100k ones. */
    public Charset charset() {
        return charset;
    }

    /** Whether each file starts with a header line to skip; its parser also rejects one as {@code "header"}. */
    public boolean hasHeader() {
        return hasHeader;
    }

    /** The stateless, serializable parser for this format's lines. */
    public MovieLensParser parser() {
        return parser;
    }
}
