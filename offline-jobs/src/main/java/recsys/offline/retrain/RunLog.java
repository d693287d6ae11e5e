package recsys.offline.retrain;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;
import recsys.core.index.IndexNames;
import recsys.core.index.IndexSchema;

/**
 * The {@code runs} index: one status document per retrain, written as the run goes, and the retrain lock.
 *
 * <p>The lock is one document, {@value #LOCK_ID}, created with {@code op_type=create}, so of two runs started
 * together exactly one gets it. Its holder refreshes {@code heartbeat_at} while it runs; a lock whose heartbeat is
 * older than the stale time belongs to a run that died without releasing it (a killed driver, a lost node) and is
 * taken over, conditionally on the version read, so two runs cannot both take over the same stale lock.
 */
public final class RunLog {

    public static final String LOCK_ID = "retrain-lock";
    public static final String RUN_KIND = "run";
    public static final String LOCK_KIND = "lock";

    /** Thrown when another live run holds the lock. */
    public static final class LockedException extends RuntimeException {
        public LockedException(String message) {
            super(message);
        }
    }

    private final ElasticsearchClient client;
    private final String alias;
    private final IndexNames names;
    private final Clock clock;
    private final Duration staleAfter;

    public RunLog(ElasticsearchClient client, IndexNames names, Clock clock, Duration staleAfter) {
        this.client = client;
        this.names = names;
        this.alias = names.alias(IndexSchema.RUNS);
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** Takes the lock for {@code runId}, or throws {@link LockedException} naming the holder. */
    public void lock(String runId, String host) {
        ensureIndex();
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("run_id", LOCK_ID);
        lock.put("kind", LOCK_KIND);
        lock.put("command", runId);
        lock.put("host", host);
        lock.put("started_at", clock.millis());
        lock.put("heartbeat_at", clock.millis());
        try {
            client.create(c -> c.index(alias).id(LOCK_ID).document(lock).refresh(Refresh.True));
            return;
        } catch (ElasticsearchException | IOException e) {
            if (!conflict(e)) {
                throw new IllegalStateException("cannot take the retrain lock in " + alias, e);
            }
        }
        GetResponse<ObjectNode> held = get(LOCK_ID);
        if (!held.found()) {
            lock(runId, host); // released in between
            return;
        }
        ObjectNode holder = held.source();
        long heartbeat = holder.path("heartbeat_at").asLong();
        long age = clock.millis() - heartbeat;
        if (age <= staleAfter.toMillis()) {
            throw new LockedException("another retrain is running: run " + holder.path("command").asText()
                    + " on " + holder.path("host").asText() + ", last heartbeat " + age / 1000 + " s ago; it holds the "
                    + "lock " + LOCK_ID + " in " + alias + " (taken over once its heartbeat is older than "
                    + staleAfter.toSeconds() + " s)");
        }
        try {
            client.index(i -> i.index(alias).id(LOCK_ID).document(lock).ifSeqNo(held.seqNo())
                    .ifPrimaryTerm(held.primaryTerm()).refresh(Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            if (conflict(e)) {
                throw new LockedException("another retrain took over the stale lock of run "
                        + holder.path("command").asText() + " first");
            }
            throw new IllegalStateException("cannot take over the stale retrain lock in " + alias, e);
        }
    }

    /**
     * Refreshes the lock's heartbeat if {@code runId} still holds it, conditionally on the version read, and
     * otherwise throws {@link LockedException}: a run whose lock was taken over as stale learns it here.
     */
    public void heartbeat(String runId) {
        GetResponse<ObjectNode> held = get(LOCK_ID);
        if (!held.found() || !runId.equals(held.source().path("command").asText())) {
            throw new LockedException("run " + runId + " no longer holds the retrain lock" + (held.found()
                    ? ": run " + held.source().path("command").asText() + " on " + held.source().path("host").asText()
                    + " took it over" : ""));
        }
        try {
            client.update(u -> u.index(alias).id(LOCK_ID).doc(Map.of("heartbeat_at", clock.millis()))
                    .ifSeqNo(held.seqNo()).ifPrimaryTerm(held.primaryTerm()), ObjectNode.class);
        } catch (ElasticsearchException | IOException e) {
            if (conflict(e)) {
                throw new LockedException("run " + runId + " lost the retrain lock while refreshing it");
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot reach the runs index", io)
                    : (ElasticsearchException) e;
        }
    }

    /** This machine's name, as a lock and a run's status name it. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Releases the lock if {@code runId} holds it. */
    public void unlock(String runId) {
        GetResponse<ObjectNode> held = get(LOCK_ID);
        if (held.found() && runId.equals(held.source().path("command").asText())) {
            call(() -> client.delete(d -> d.index(alias).id(LOCK_ID).ifSeqNo(held.seqNo())
                    .ifPrimaryTerm(held.primaryTerm()).refresh(Refresh.True)));
        }
    }

    /**
     * A new status document's opening fields, in the order {@code recsys status} reads them: the run, the command
     * line that started it, this host and the start time. The caller adds the rest and writes it with
     * {@link #status}.
     */
    public Map<String, Object> newStatus(String runId, String command) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("run_id", runId);
        status.put("command", command);
        status.put("host", host());
        status.put("started_at", clock.millis());
        return status;
    }

    /** Writes (or rewrites) a run's status document; {@code fields} must hold {@code run_id}. */
    public void status(Map<String, Object> fields) {
        ensureIndex();
        Map<String, Object> document = new LinkedHashMap<>(fields);
        document.put("kind", RUN_KIND);
        call(() -> client.index(i -> i.index(alias).id((String) document.get("run_id")).document(document)
                .refresh(Refresh.True)));
    }

    /** The most recent runs, newest first. */
    public List<ObjectNode> recent(int size) {
        if (!exists()) {
            return List.of();
        }
        return call(() -> client.search(s -> s.index(alias).size(size)
                .query(q -> q.term(t -> t.field("kind").value(RUN_KIND)))
                .sort(o -> o.field(f -> f.field("started_at").order(SortOrder.Desc))), ObjectNode.class))
                .hits().hits().stream().map(Hit::source).toList();
    }

    /** A run's status document. */
    public Optional<ObjectNode> run(String runId) {
        if (!exists()) {
            return Optional.empty();
        }
        GetResponse<ObjectNode> found = get(runId);
        return found.found() ? Optional.of(found.source()) : Optional.empty();
    }

    private GetResponse<ObjectNode> get(String id) {
        return call(() -> client.get(g -> g.index(alias).id(id), ObjectNode.class));
    }

    private boolean exists() {
        return call(() -> client.indices().existsAlias(a -> a.name(alias)).value());
    }

    private void ensureIndex() {
        if (exists()) {
            return;
        }
        String index = names.physical(IndexSchema.RUNS, IndexSchema.KEPT_INDEX_SUFFIX);
        try {
            client.indices().create(c -> c.index(index).withJson(new StringReader(IndexSchema.RUNS.indexBodyJson()))
                    .aliases(alias, a -> a.isWriteIndex(true)));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + index, e);
        }
    }

    /**
     * Whether a write lost on its condition: the client reports a 409 as an {@link ElasticsearchException} for some
     * endpoints and as an I/O error carrying the status ({@link TransportException}, or the low-level client's
     * {@link ResponseException}) for others, create among them.
     */
    private static boolean conflict(Exception e) {
        return e instanceof ElasticsearchException es && es.status() == 409
                || e instanceof TransportException transport && transport.statusCode() == 409
                || e instanceof ResponseException response && response.getResponse().getStatusLine().getStatusCode() == 409;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the runs index", e);
        }
    }
}
