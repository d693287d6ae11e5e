package recsys.core.features;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import recsys.core.model.ChecksummedFile;

/**
 * Everything a {@link FeatureEncoder} needs that was fitted on the training ratings: the {@link EncoderParameters}
 * and one {@link MovieEntry} per catalogue movie. Immutable; Spark broadcasts it (Java serialization) and the online
 * service loads it from the file {@link #write} makes.
 *
 * <p>File format, version 1, big-endian ({@code DataOutput}); strings are {@code writeUTF}:
 * <pre>
 *   int     magic "RFES" (0x52464553)
 *   int     file format version: 1
 *   double  globalMean, userDamping, movieDamping
 *   int     G, then G strings: the genre vocabulary in feature order
 *   double  imputedYear
 *   int     tagHashDimension, embeddingDimension, projectionDimension
 *   long    projectionSeed
 *   int     feature formatVersion
 *   int     M movies, then M times:
 *             string movieId; long ratingCount; double ratingSum
 *             boolean hasYear [int year]
 *             int n, n ints: genre indices
 *             int t, t strings: tags
 *             boolean hasVector [embeddingDimension floats]
 *   int     CRC-32 of every byte before it
 * </pre>
 * Binary rather than JSON for the same reasons as the tree model's format: about 15 MB of floats for ml-latest-small
 * that must come back bit for bit, and no Jackson in core.
 */
public final class EncoderState implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAGIC = 0x52464553;
    static final int FILE_VERSION = 1;
    private static final String KIND = "encoder state file";

    private final EncoderParameters parameters;
    private final Map<String, MovieEntry> movies;

    private EncoderState(EncoderParameters parameters, Map<String, MovieEntry> movies) {
        this.parameters = parameters;
        this.movies = movies;
    }

    /** Checks every entry against the parameters (genre indices in range, vector lengths, distinct ids). */
    public static EncoderState of(EncoderParameters parameters, Collection<MovieEntry> entries) {
        Map<String, MovieEntry> byId = new HashMap<>(entries.size() * 2);
        int genres = parameters.genres().size();
        for (MovieEntry entry : entries) {
            for (int g : entry.genreIndices()) {
                if (g < 0 || g >= genres) {
                    throw new IllegalArgumentException("movie " + entry.movieId() + " has genre index " + g
                            + " outside the vocabulary of " + genres);
                }
            }
            if (entry.vector() != null && entry.vector().length != parameters.embeddingDimension()) {
                throw new IllegalArgumentException("movie " + entry.movieId() + " has a vector of "
                        + entry.vector().length + " dimensions, not " + parameters.embeddingDimension());
            }
            if (byId.put(entry.movieId(), entry) != null) {
                throw new IllegalArgumentException("movie " + entry.movieId() + " given twice");
            }
        }
        return new EncoderState(parameters, Collections.unmodifiableMap(byId));
    }

    /** Positions of {@code genres} in {@code vocabulary}, ascending; genres outside it are ignored. */
    public static int[] genreIndices(List<String> vocabulary, Collection<String> genres) {
        TreeSet<Integer> indices = new TreeSet<>();
        for (String genre : genres) {
            int index = vocabulary.indexOf(genre);
            if (index >= 0) {
                indices.add(index);
            }
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    public EncoderParameters parameters() {
        return parameters;
    }

    /** The entry of a catalogue movie, or {@code null} for a movie the catalogue lacks. */
    public MovieEntry movie(String movieId) {
        return movies.get(movieId);
    }

    public Map<String, MovieEntry> movies() {
        return movies;
    }

    public void write(OutputStream target) throws IOException {
        ChecksummedFile.write(target, MAGIC, FILE_VERSION, this::writeBody);
    }

    private void writeBody(DataOutputStream out) throws IOException {
        EncoderParameters p = parameters;
        out.writeDouble(p.globalMean());
        out.writeDouble(p.userDamping());
        out.writeDouble(p.movieDamping());
        out.writeInt(p.genres().size());
        for (String genre : p.genres()) {
            out.writeUTF(genre);
        }
        out.writeDouble(p.imputedYear());
        out.writeInt(p.tagHashDimension());
        out.writeInt(p.embeddingDimension());
        out.writeInt(p.projectionDimension());
        out.writeLong(p.projectionSeed());
        out.writeInt(p.formatVersion());
        List<MovieEntry> sorted = new ArrayList<>(movies.values());
        sorted.sort((a, b) -> a.movieId().compareTo(b.movieId()));
        out.writeInt(sorted.size());
        for (MovieEntry m : sorted) {
            out.writeUTF(m.movieId());
            out.writeLong(m.ratingCount());
            out.writeDouble(m.ratingSum());
            out.writeBoolean(m.year() != null);
            if (m.year() != null) {
                out.writeInt(m.year());
            }
            out.writeInt(m.genreIndices().length);
            for (int g : m.genreIndices()) {
                out.writeInt(g);
            }
            out.writeInt(m.tags().size());
            for (String tag : m.tags()) {
                out.writeUTF(tag);
            }
            out.writeBoolean(m.vector() != null);
            if (m.vector() != null) {
                for (float v : m.vector()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    /** Reads what {@link #write} wrote; rejects other files, other versions, truncation and corruption. */
    public static EncoderState read(InputStream source) throws IOException {
        return ChecksummedFile.read(source, MAGIC, FILE_VERSION, KIND, in -> {
            double globalMean = in.readDouble();
            double userDamping = in.readDouble();
            double movieDamping = in.readDouble();
            List<String> genres = new ArrayList<>();
            for (int i = count(in.readInt(), "genres"); i > 0; i--) {
                genres.add(in.readUTF());
            }
            double imputedYear = in.readDouble();
            int tagHashDimension = in.readInt();
            int embeddingDimension = in.readInt();
            int projectionDimension = in.readInt();
            long projectionSeed = in.readLong();
            int formatVersion = in.readInt();
            EncoderParameters parameters = new EncoderParameters(globalMean, userDamping, movieDamping, genres,
                    imputedYear, tagHashDimension, embeddingDimension, projectionDimension, projectionSeed,
                    formatVersion);
            int movieCount = count(in.readInt(), "movies");
            List<MovieEntry> entries = new ArrayList<>(movieCount);
            for (int i = 0; i < movieCount; i++) {
                String id = in.readUTF();
                long ratingCount = in.readLong();
                double ratingSum = in.readDouble();
                Integer year = in.readBoolean() ? in.readInt() : null;
                int[] genreIndices = new int[count(in.readInt(), "genre indices")];
                for (int g = 0; g < genreIndices.length; g++) {
                    genreIndices[g] = in.readInt();
                }
                List<String> tags = new ArrayList<>();
                for (int t = count(in.readInt(), "tags"); t > 0; t--) {
                    tags.add(in.readUTF());
                }
                float[] vector = null;
                if (in.readBoolean()) {
                    vector = new float[embeddingDimension];
                    for (int d = 0; d < embeddingDimension; d++) {
                        vector[d] = in.readFloat();
                    }
                }
                entries.add(new MovieEntry(id, ratingCount, ratingSum, year, genreIndices, tags, vector));
            }
            return of(parameters, entries);
        });
    }

    private static int count(int value, String what) throws IOException {
        return ChecksummedFile.count(value, KIND, what);
    }
}
