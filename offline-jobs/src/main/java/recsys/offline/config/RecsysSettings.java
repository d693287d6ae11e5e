package recsys.offline.config;

import java.net.URI;
import java.util.Objects;

/**
 * Everything a job needs to know about its surroundings, resolved once from flags, environment and the
 * settings file (see {@link SettingsResolver}) and then never changed.
 *
 * @param elasticsearch where the indices live and how to authenticate
 * @param storage       root of the Parquet data and models: a local path or any Hadoop file-system URI
 * @param sparkMaster   the Spark master, or {@code null} when spark-submit already chose one
 * @param parallelism   shuffle partitions and default parallelism of the jobs
 * @param embeddingBatchSize texts per ONNX call in the embedding job
 * @param maxTreeRows   the most feature rows a tree model learns from (the training's learning curve stops there)
 */
public record RecsysSettings(
        ElasticsearchSettings elasticsearch,
        URI storage,
        String sparkMaster,
        int parallelism,
        int embeddingBatchSize,
        int maxTreeRows) {

    public RecsysSettings {
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(storage, "storage");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (embeddingBatchSize < 1 || embeddingBatchSize > 256) {
            throw new IllegalArgumentException("embedding batch size must be in [1, 256], was " + embeddingBatchSize);
        }
        if (maxTreeRows < 1) {
            throw new IllegalArgumentException("the most tree rows must be at least 1, was " + maxTreeRows);
        }
    }
}
