package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.config.StorageUris;
import recsys.offline.ingest.IngestJob;
import recsys.offline.ingest.IngestReport;
import recsys.offline.retrain.OnlineEvents;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read a MovieLens folder (ml-latest CSV, ml-1m/ml-10m .dat or ml-100k), publish the movies "
                + "and users indices and write Parquet copies under the storage root.")
final class IngestCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "MovieLens folder: a local path or a Hadoop file-system URI.")
    String data;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-ingest", global.settings(), System.out)) {
            IngestReport report = ingest(context, data);
            return report.movies() > 0 ? 0 : 1;
        }
    }

    static IngestReport ingest(JobContext context, String data) {
        context.progress.step("ingest");
        IngestReport report = new IngestJob(context.spark, context.storage, context.indices, context.writer,
                context.clock, context.out).run(StorageUris.toUri(data).toString());
        print(context, report);
        return report;
    }

    /**
     * A retrain's ingest, staged (not published): {@code data} with {@code events} merged, or without a folder the
     * latest run's data.
     */
    static IngestJob.Staged stage(JobContext context, String data, OnlineEvents events) {
        context.progress.step("ingest");
        IngestJob job = new IngestJob(context.spark, context.storage, context.indices, context.writer,
                context.clock, context.out);
        String previous = data != null ? null : context.storage.latestRun().orElseThrow(() ->
                new IllegalStateException("no earlier ingest under " + context.storage.root()
                        + " to start from: give --data DIR"));
        IngestJob.Staged staged = job.stage(data == null ? null : StorageUris.toUri(data).toString(), previous,
                events);
        print(context, staged.report());
        return staged;
    }

    private static void print(JobContext context, IngestReport report) {
        report.files().forEach(file -> {
            context.out.printf("  %s: %,d lines, %,d parsed, %,d rejected%n", file.file(), file.lines(), file.parsed(), file.rejected());
            file.examples().forEach(example -> context.out.println("    " + example));
        });
        report.unknownMovieExamples().forEach(example -> context.out.println("    " + example));
        context.out.println(report.summaryLine());
    }
}
