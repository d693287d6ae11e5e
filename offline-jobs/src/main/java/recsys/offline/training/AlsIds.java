package recsys.offline.training;

import static recsys.offline.training.RatingColumns.MOVIE;
import static recsys.offline.training.RatingColumns.USER;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark's ALS takes int ids; user and movie ids are strings ({@link recsys.core.ids.EntityIds}: UUIDs, {@code u-12},
 * MovieLens' digits). MLlib's {@link StringIndexer} gives each id seen in training a dense index, in alphabetical
 * order so a rerun on the same ratings assigns the same indices, and an id never seen the index past the last
 * ({@code handleInvalid = keep}), which ALS has no factors for: a cold start, scored by the fallback. The fitted
 * indexer is a pipeline stage, saved and loaded with the ALS model.
 */
public final class AlsIds {

    public static final String USER_INDEX = "_user_index";
    public static final String MOVIE_INDEX = "_movie_index";

    private AlsIds() {
    }

    /** One indexer of both id columns, to fit on the training rows before ALS. */
    public static StringIndexer indexer() {
        return new StringIndexer()
                .setInputCols(new String[] {USER, MOVIE})
                .setOutputCols(new String[] {USER_INDEX, MOVIE_INDEX})
                .setStringOrderType("alphabetAsc")
                .setHandleInvalid("keep");
    }

    /** The ids of a fitted indexer's input column ({@code 0} users, {@code 1} movies), by index. */
    public static String[] labels(StringIndexerModel indexer, int column) {
        return indexer.labelsArray()[column];
    }

    /** The factors of a Spark ALS factor frame ({@code id: int, features: array<float>}) by string id. */
    public static Map<String, float[]> factors(Dataset<Row> frame, String[] labels) {
        Map<String, float[]> byId = new HashMap<>();
        for (Row row : frame.collectAsList()) {
            List<Float> values = row.getList(1);
            float[] factors = new float[values.size()];
            for (int d = 0; d < factors.length; d++) {
                factors[d] = values.get(d);
            }
            byId.put(labels[row.getInt(0)], factors);
        }
        return byId;
    }
}
