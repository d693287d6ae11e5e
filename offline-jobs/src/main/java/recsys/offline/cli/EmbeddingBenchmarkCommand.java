package recsys.offline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.embedding.EmbedJob;
import recsys.offline.benchmarks.EmbeddingThroughputBenchmark;

@Command(name = "benchmark-embedding", mixinStandardHelpOptions = true,
        description = "Measure embedding throughput on the latest ingest's movie texts: plain ONNX Runtime against "
                + "the Spark NLP route of the embed job, same texts, same cores. Prints texts/s and the ratio.")
final class EmbeddingBenchmarkCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--runs", defaultValue = "3", description = "Timed rounds per case (median reported; default 3).")
    int runs;

    @Override
    public Integer call() throws Exception {
        try (JobContext context = new JobContext("recsys-benchmark-embedding", global.settings(), System.out)) {
            String run = context.storage.latestRun().orElseThrow(() -> new IllegalStateException(
                    "no ingested data under " + context.storage.root() + ": run 'recsys ingest --data DIR' first"));
            List<String> texts = EmbedJob.movieTexts(context.spark,
                            context.spark.read().parquet(context.storage.dataset(run, "movies")))
                    .select("text").collectAsList().stream().map(row -> row.getString(0)).toList();
            context.out.printf("benchmark-embedding: %,d movie texts of ingest %s, %d runs per case%n", texts.size(), run, runs);
            EmbeddingThroughputBenchmark.run(context.spark, texts, runs);
            return 0;
        }
    }
}
