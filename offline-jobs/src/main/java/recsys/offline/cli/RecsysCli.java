package recsys.offline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code recsys} command: one subcommand per pipeline step. */
@Command(name = "recsys", mixinStandardHelpOptions = true, version = "movie-recommender 0.1.0",
        description = "Offline pipeline of the movie recommender: MovieLens in, Elasticsearch indices and models out.",
        subcommands = {IngestCommand.class, EmbedCommand.class, TrainCommand.class, EvaluateCommand.class,
                ListsCommand.class, AllCommand.class, RetrainCommand.class, StatusCommand.class,
                RollbackCommand.class, ScaleDataCommand.class,
                EmbeddingBenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class RecsysCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Runs one command in this JVM, as {@code bin/recsys args} would, and returns its exit code (a notebook's way to
     * run the pipeline's own code). The command stops the Spark session it used.
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new RecsysCli())
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    // a user wants the reason, not a stack trace; RECSYS_DEBUG=1 shows the trace for bug reports
                    commandLine.getErr().println("error: " + describe(exception));
                    if ("1".equals(System.getenv("RECSYS_DEBUG"))) {
                        exception.printStackTrace(commandLine.getErr());
                    }
                    return 1;
                });
    }

    private static String describe(Throwable exception) {
        StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
