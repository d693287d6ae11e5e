package recsys.offline.cli;

import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import recsys.offline.embedding.EmbedJob;
import recsys.offline.embedding.EmbedReport;
import recsys.offline.embedding.SparkNlpSentenceEmbedder;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed every movie of the latest ingest with all-MiniLM-L6-v2 (Spark NLP, local ONNX model) "
                + "and publish the movie_vectors index.")
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-embed", global.settings(), System.out)) {
            embed(context);
            return 0;
        }
    }

    static EmbedReport embed(JobContext context) {
        return withEmbedder(context, job -> job.run());
    }

    /**
     * A retrain's embed of {@code ingestRun}, staged (not published).
     *
     * @param reuseFrom an earlier ingest run whose vectors of movies with unchanged text are reused
     */
    static EmbedReport stage(JobContext context, String ingestRun, Optional<String> reuseFrom) {
        return withEmbedder(context, job -> job.stage(ingestRun, reuseFrom));
    }

    private static EmbedReport withEmbedder(JobContext context, Function<EmbedJob, EmbedReport> run) {
        context.progress.step("embed");
        try (SparkNlpSentenceEmbedder embedder =
                     SparkNlpSentenceEmbedder.create(context.spark, context.settings.embeddingBatchSize())) {
            EmbedReport report = run.apply(new EmbedJob(context.spark, context.storage, context.indices,
                    context.writer, embedder, context.clock, context.out));
            context.out.println(report.summaryLine());
            return report;
        }
    }
}
