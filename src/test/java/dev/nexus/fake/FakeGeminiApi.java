package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Gemini API ({@code generativelanguage} v1beta, API keys) and Vertex AI express mode on one loopback port, for
 * one test. Start it, accept some keys, point {@code NEXUS_GEMINI_BASE_URL} / {@code NEXUS_VERTEX_BASE_URL} at
 * {@link #baseUrl()}, script replies per key and model, rate-limit keys, assert on {@link #requests()}, close it.
 */
public final class FakeGeminiApi implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final GeminiApiLimits limits = new GeminiApiLimits();
    private final Script script = new Script();
    private final OpenStreams openStreams = new OpenStreams();
    private final GeminiApiCatalogue catalogue = new GeminiApiCatalogue();
    private final GeminiApiEndpoints endpoints =
            new GeminiApiEndpoints(keys, limits, script, new ReplyPlayer(openStreams), catalogue);
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeGeminiApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeGeminiApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            FakeGeminiApi fake = new FakeGeminiApi(server, executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scheme, host and port, without a path: {@code …/v1beta/models} and {@code …/v1/publishers/…} live under it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests carrying this key (header or query) are served; any other key gets 400 API_KEY_INVALID. */
    public FakeGeminiApi acceptKey(String apiKey) {
        keys.add(apiKey);
        return this;
    }

    /** Replies for generateContent and streamGenerateContent, per key ({@link Script#enqueueForKey}) and model. */
    public Script script() {
        return script;
    }

    /** From now on every call with the key answers 429 with RetryInfo {@code retryDelay}, for every model. */
    public void rateLimit(String apiKey, Duration retryDelay) {
        limits.limit(apiKey, null, retryDelay);
    }

    /** As {@link #rateLimit(String, Duration)} for one model only. */
    public void rateLimit(String apiKey, String model, Duration retryDelay) {
        limits.limit(apiKey, model, retryDelay);
    }

    /** Lifts every rate limit of the key. */
    public void liftRateLimit(String apiKey) {
        limits.lift(apiKey);
    }

    /** Replaces the model catalogue (default {@link GeminiApiModel#defaults()}); unknown models answer 404. */
    public void models(List<GeminiApiModel> models) {
        catalogue.replace(models);
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** Requests whose path ends with the suffix, e.g. {@code ":streamGenerateContent"}. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return log.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
    }

    /** Requests made with this key, by header or query. */
    public List<RecordedRequest> requestsWithKey(String apiKey) {
        return log.stream().filter(r -> apiKey.equals(r.header("x-goog-api-key")) || apiKey.equals(r.queryParam("key"))).toList();
    }

    public int openStreams() {
        return openStreams.count();
    }

    /** Waits until no stream is being written; false if some still are after the timeout. */
    public boolean awaitNoOpenStreams(Duration timeout) {
        try {
            return openStreams.awaitNone(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        RecordedRequest request = new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        log.add(request);
        try {
            if (endpoints.serves(request.path())) {
                endpoints.handle(exchange, request);
            } else {
                Exchanges.notFoundPage(exchange, request.path());
            }
        } catch (Exchanges.ConnectionDropped dropped) {
            throw dropped;
        } catch (RuntimeException bug) {
            System.err.println("FakeGeminiApi failed on " + request.method() + " " + request.path());
            bug.printStackTrace();
            throw bug;
        }
    }
}
