package recsys.offline.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import recsys.offline.scale.ScaledMovieLens;

@Command(name = "scale-data", mixinStandardHelpOptions = true,
        description = "Derives a larger MovieLens-shaped folder (ml-latest CSV) from a real one, for scale "
                + "benchmarks: every user copied --users times, every movie --movies times, each copy's ratings "
                + "moved to copies of the movies with perturbed stars and shifted timestamps. Quality figures on it "
                + "mean nothing. Starts no Spark and no Elasticsearch. Example, an ml-25m shape from "
                + "ml-latest-small: --users 250 --movies 6.")
final class ScaleDataCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The MovieLens (ml-latest CSV) "
            + "folder to derive from.")
    Path source;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where to write the derived folder.")
    Path target;

    @Option(names = "--users", defaultValue = "10", paramLabel = "N", description = "Copies of each user (ratings "
            + "grow as much). Default: ${DEFAULT-VALUE}.")
    int userCopies;

    @Option(names = "--movies", defaultValue = "2", paramLabel = "N", description = "Copies of each movie. "
            + "Default: ${DEFAULT-VALUE}.")
    int movieCopies;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice. Default: "
            + "${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        ScaledMovieLens.Written written = ScaledMovieLens.write(source, target,
                new ScaledMovieLens.Shape(userCopies, movieCopies, seed));
        System.out.printf("scale-data: %,d users, %,d movies, %,d ratings, %,d tags written to %s in %.1f s%n",
                written.users(), written.movies(), written.ratings(), written.tags(), target,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
