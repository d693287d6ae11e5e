package recsys.online.model;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import recsys.core.topn.TopNModel;

/**
 * The model the service ranks with: the version {@code models/CURRENT} names, loaded at start and re-checked every
 * {@code recsys.model-poll-interval}. A new version is loaded completely beside the old one and then swapped in with
 * one reference write, so a request sees the old model or the new one, never a mix, and never fails because of the
 * switch. A version that fails to load is logged and skipped (the last good model keeps serving) and retried at the
 * next poll. No model at all is a valid state: the service then ranks without one.
 */
@Context
@Singleton
public class ServingModels {

    private static final Logger LOG = LoggerFactory.getLogger(ServingModels.class);

    /** What health reports: the serving model (or none), and the last load failure, if any. */
    public record Status(Optional<ServingModel> model, Optional<String> lastError, Instant checkedAt) {
    }

    private final ModelLoader loader;
    private final AtomicReference<Status> status = new AtomicReference<>(
            new Status(Optional.empty(), Optional.empty(), Instant.EPOCH));

    public ServingModels(ModelLoader loader) {
        this.loader = loader;
    }

    @PostConstruct
    void loadAtStart() {
        refresh();
    }

    /** The model to rank with, if one is published and loaded. */
    public Optional<ServingModel> current() {
        return status.get().model();
    }

    public Status status() {
        return status.get();
    }

    @Scheduled(fixedDelay = "${recsys.model-poll-interval:10s}", initialDelay = "${recsys.model-poll-interval:10s}")
    void poll() {
        refresh();
    }

    /** Loads the version CURRENT names if it is not the one serving; returns whether the model changed. */
    public synchronized boolean refresh() {
        Status before = status.get();
        Optional<String> wanted;
        try {
            wanted = loader.currentVersion();
        } catch (IOException | RuntimeException e) {
            return recordFailure(before, "cannot read models/CURRENT under " + loader.storageRoot() + ": " + e.getMessage());
        }
        if (wanted.isEmpty() || wanted.equals(before.model().map(ServingModel::version))) {
            status.set(new Status(before.model(), before.lastError(), Instant.now()));
            return false;
        }
        ServingModel loaded;
        try {
            loaded = loader.load(wanted.get());
        } catch (IOException | RuntimeException e) {
            return recordFailure(before, "cannot load model version " + wanted.get() + ": " + e.getMessage());
        }
        status.set(new Status(Optional.of(loaded), Optional.empty(), Instant.now()));
        LOG.info("serving model version {} ({} trees, {} movies, blend {}; {})", loaded.version(),
                loaded.model().trees().numTrees(), loaded.encoder().state().movies().size(), loaded.ranker().blend(),
                describeTopN(loaded));
        return true;
    }

    /** The top-N part of the log line: what ranks known users with this version. */
    static String describeTopN(ServingModel model) {
        if (!model.hasTopN()) {
            return "no top-N ranking: users with model-min-ratings ratings get the model path, others cosine";
        }
        TopNModel topN = model.topN().model();
        return "top-N ranking for every user with a rating: item-item "
                + (topN.itemItem() == null ? "none" : topN.itemItem().entries() + " weights")
                + ", ALS " + (topN.als() == null ? "none" : "rank " + topN.als().rank() + " over "
                + topN.als().ids().size() + " movies")
                + ", " + topN.poolPerSource() + " candidates per source, " + topN.weights();
    }

    private boolean recordFailure(Status before, String message) {
        if (!message.equals(before.lastError().orElse(null))) {
            LOG.warn("{}; {}", message, before.model().map(m -> "still serving " + m.version())
                    .orElse("serving without a model"));
        }
        status.set(new Status(before.model(), Optional.of(message), Instant.now()));
        return false;
    }
}
