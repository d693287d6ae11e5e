package recsys.offline.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import recsys.core.index.IndexSchema;
import recsys.core.index.UserFields;
import recsys.offline.lists.UserListsJob;

@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Rank every user in the users index with the CURRENT model version's top-N model and store "
                + "each list in the user's document (with the model version and the fingerprint of the ratings "
                + "ranked), so the online service answers every known user from one read. Run after train; "
                + "'all' runs it after evaluate.")
final class ListsCommand implements Callable<Integer> {

    /** The service's default {@code recsys.recommendations.max-limit}. */
    static final int DEFAULT_LIST_SIZE = UserFields.STORED_LIST_SIZE;

    @Mixin
    GlobalOptions global;

    @Option(names = "--list-size", paramLabel = "N", defaultValue = "" + DEFAULT_LIST_SIZE,
            description = "Movies per stored list: at least the service's max-limit, deeper for filtered pages. "
                    + "Default: ${DEFAULT-VALUE}.")
    int listSize;

    @Override
    public Integer call() {
        try (JobContext context = new JobContext("recsys-lists", global.settings(), System.out)) {
            lists(context, listSize);
            return 0;
        }
    }

    static Optional<UserListsJob.Report> lists(JobContext context, int listSize) {
        context.progress.step("lists");
        return new UserListsJob(context.spark, context.storage,
                context.settings.elasticsearch().indexNames().alias(IndexSchema.USERS), listSize, context.clock,
                context.out).run();
    }

    /** A retrain's lists: ranked with {@code version} into {@code usersIndex}, a users index not yet published. */
    static Optional<UserListsJob.Report> lists(JobContext context, int listSize, String version, String usersIndex) {
        context.progress.step("lists");
        return new UserListsJob(context.spark, context.storage, usersIndex, listSize, context.clock, context.out)
                .run(version);
    }
}
