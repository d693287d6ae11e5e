package recsys.offline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.offline.embedding.EmbedReport;
import recsys.offline.ingest.IngestReport;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on a MovieLens folder: ingest, then embed. (bin/recsys quickstart also "
                + "builds the project and starts the local Elasticsearch first.)")
final class QuickstartCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "MovieLens folder.")
    String data;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try (JobContext context = new JobContext("recsys-quickstart", global.settings(), System.out)) {
            IngestReport ingest = IngestCommand.ingest(context, data);
            EmbedReport embed = EmbedCommand.embed(context);
            context.out.printf("quickstart: %,d movies, %,d users, %,d ratings indexed and %,d movies embedded in %.1f s%n",
                    ingest.movies(), ingest.users(), ingest.ratings(), embed.movies(), (System.nanoTime() - started) / 1e9);
            context.out.printf("try: curl '%s/movies/_search?q=title:toy&size=3'%n",
                    context.settings.elasticsearch().displayUrl());
            return 0;
        }
    }
}
