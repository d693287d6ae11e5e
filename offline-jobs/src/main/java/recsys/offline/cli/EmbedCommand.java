package recsys.offline.cli;

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
        context.progress.step("embed");
        try (SparkNlpSentenceEmbedder embedder =
                     SparkNlpSentenceEmbedder.create(context.spark, context.settings.embeddingBatchSize())) {
            EmbedReport report = new EmbedJob(context.spark, context.storage, context.indices, context.writer, embedder,
                    context.clock, context.out).run();
            context.out.println(report.summaryLine());
            return report;
        }
    }
}
