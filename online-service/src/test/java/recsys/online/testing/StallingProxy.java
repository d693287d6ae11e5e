package recsys.online.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of Elasticsearch that a test can make stall: a stalled call is accepted and read,
 * then held without a byte of answer, as a hung cluster does (what {@link TcpProxy} cannot show: it refuses or
 * drops). The rule may stall everything, or forward some calls (after a delay) and stall the rest, to stall a
 * request in the middle of its calls. Held calls are dropped, never forwarded, when the rule changes back or the
 * proxy closes, so a stalled write never reaches Elasticsearch.
 *
 * <p>HTTP-aware rather than a byte pipe because the service's client sends many calls over one kept-alive
 * connection, and "the first call passes, the second hangs" is a decision per call. The JDK's own HTTP server and
 * client, so nothing is added to the test class path.
 */
public final class StallingProxy implements AutoCloseable {

    /** Which calls ({@code "GET /index/_doc/1"}) go through, after what delay; all others are held. */
    private record Rule(Predicate<String> forwards, Duration delay, CountDownLatch released) {
    }

    /** Headers the JDK client sets itself (and refuses), or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stalling-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    /** Calls held and not yet dropped. */
    private final AtomicInteger holding = new AtomicInteger();
    private volatile Rule rule = new Rule(call -> true, Duration.ZERO, new CountDownLatch(0));

    /** @param elasticsearchUrl where forwarded calls go, {@code http://host:port} */
    public StallingProxy(String elasticsearchUrl) {
        this.target = URI.create(elasticsearchUrl);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The proxy's base URL, for {@code recsys.es.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Forwards every call from now on, and drops those held so far, returning once they are dropped: a call sent
     * while dozens of held connections were still being closed could wait seconds for an answer (seen after the
     * queued-requests test), which is the proxy's doing, not the service's.
     */
    public void forwardAll() {
        replaceRule(new Rule(call -> true, Duration.ZERO, new CountDownLatch(0)));
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (holding.get() > 0 && System.nanoTime() < giveUp) {
            sleep(Duration.ofMillis(5));
        }
    }

    /** Holds every call from now on. */
    public void stallAll() {
        replaceRule(new Rule(call -> false, Duration.ZERO, new CountDownLatch(1)));
    }

    /**
     * Forwards the calls {@code forwards} accepts, each after {@code delay}, and holds the others.
     *
     * @param forwards tested on the method and path with query, {@code "POST /movies/_mget"}
     */
    public void forwardOnly(Predicate<String> forwards, Duration delay) {
        replaceRule(new Rule(forwards, delay, new CountDownLatch(1)));
    }

    /** Calls forwarded (answered or being answered) since the proxy started. */
    public int forwarded() {
        return forwarded.get();
    }

    /** Calls held (stalled) since the proxy started. */
    public int held() {
        return held.get();
    }

    private void replaceRule(Rule next) {
        Rule previous = rule;
        rule = next;
        previous.released().countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            Rule current = rule;
            if (!current.forwards().test(call)) {
                held.incrementAndGet();
                holding.incrementAndGet();
                try {
                    await(current.released());
                    exchange.close(); // without an answer: the call is dropped, not forwarded
                } finally {
                    holding.decrementAndGet();
                }
                return;
            }
            sleep(current.delay());
            forwarded.incrementAndGet(); // before the answer, so a caller that has it sees the count
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT)) && !header.getKey().startsWith(":")) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        byte[] answer = response.body();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
        if (!head) {
            exchange.getResponseBody().write(answer);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        rule.released().countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
