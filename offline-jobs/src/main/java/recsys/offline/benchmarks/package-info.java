/**
 * Experiments, not pipeline steps: the measurements behind the defaults and the figures of
 * {@code docs/benchmarks.md}. Each class has a {@code main} and says in its javadoc what it measures and how it is
 * called; {@code bin/bench-offline NAME} runs one from the offline jar ({@code EmbeddingThroughputBenchmark} also
 * through {@code bin/recsys benchmark-embedding}). They only read: nothing here writes to the storage or to
 * Elasticsearch, and no job depends on this package, so the job packages ({@code training}, {@code embedding},
 * {@code topn}, ...) hold only what the jobs run.
 */
package recsys.offline.benchmarks;
