package recsys.core.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Elasticsearch indices of the product. Each is read through an alias ({@link IndexNames#alias}) that points at
 * one physical index per pipeline run, so the offline jobs can build a new version next to the live one and
 * swap atomically. The mapping of each index is a JSON resource beside this class: the one definition that the
 * offline writers and the online service share.
 *
 * <p>{@link #MODELS}, {@link #EVENTS} and {@link #RUNS} are the exceptions: each is one index kept across runs,
 * never swapped.
 *
 * <p>{@code movie_vectors} uses plain float HNSW rather than the 8.x default {@code int8_hnsw}: the catalogue
 * is small (tens of thousands of 384-dimension vectors, a few tens of MB) and exact scores keep the online
 * cosine ranking identical to the offline evaluation.
 */
public enum IndexSchema {
    MOVIES("movies", "movie_id"),
    USERS("users", UserFields.USER_ID),
    MOVIE_VECTORS("movie_vectors", "movie_id"),
    /**
     * One summary document per evaluation, id = its version. Unlike the others this is a plain index that grows
     * run after run (the history of trained models), not an alias over per-run copies. The top level is strict;
     * {@code metrics.<model>.<metric>} is mapped as it comes (decimals as {@code double}, counts as {@code long})
     * because model names are data, and {@code parameters} is {@code flattened}: text values, any keys.
     */
    MODELS("models", "version"),
    /**
     * Every accepted online write, one document per rating or movie change ({@link recsys.core.events.EventFields}):
     * the log a retrain replays, so no write the service acknowledged is lost when the other indices are rebuilt.
     * Like {@link #MODELS} it is kept across runs and never rebuilt; it is written through its alias
     * ({@link #KEPT_INDEX_SUFFIX} behind it) so that a missing alias fails a write instead of letting Elasticsearch create
     * the index with a guessed mapping.
     */
    EVENTS("events", "event_id"),
    /** One status document per offline run, plus the retrain lock ({@code kind: lock}); kept across runs. */
    RUNS("runs", "run_id");

    /** The suffix of the one physical index behind {@link #EVENTS} and {@link #RUNS}'s aliases. */
    public static final String KEPT_INDEX_SUFFIX = "000001";

    private final String alias;
    private final String idField;

    IndexSchema(String alias, String idField) {
        this.alias = alias;
        this.idField = idField;
    }

    /** The alias without a deployment prefix; see {@link IndexNames} for the name readers use. */
    public String alias() {
        return alias;
    }

    /** The field whose value is also the document id. */
    public String idField() {
        return idField;
    }

    /** The index body (settings and mappings) as JSON, for a create-index request. */
    public String indexBodyJson() {
        String resource = alias + ".json";
        try (InputStream in = IndexSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing index definition resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index definition " + resource, e);
        }
    }
}
