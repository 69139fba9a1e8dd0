package dev.nexus.fake;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Gemini API ({@code generativelanguage} v1beta, API keys) and Vertex AI express mode on one loopback port, for
 * one test. Start it, accept some keys, point {@code NEXUS_GEMINI_BASE_URL} / {@code NEXUS_VERTEX_BASE_URL} at
 * {@link #baseUrl()}, script replies per key and model, rate-limit keys, assert on {@link #requests()}, close it.
 */
public final class FakeGeminiApi implements AutoCloseable {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final GeminiApiLimits limits = new GeminiApiLimits();
    private final Script script = new Script();
    private final OpenStreams openStreams = new OpenStreams();
    private final GeminiApiCatalogue catalogue = new GeminiApiCatalogue();
    private final GeminiApiEndpoints endpoints =
            new GeminiApiEndpoints(keys, limits, script, new ReplyPlayer(openStreams), catalogue);
    private final FakeServer server;

    private FakeGeminiApi() {
        this.server = new FakeServer("FakeGeminiApi", openStreams, List.of(endpoints));
    }

    public static FakeGeminiApi start() {
        return new FakeGeminiApi();
    }

    /** Scheme, host and port, without a path: {@code …/v1beta/models} and {@code …/v1/publishers/…} live under it. */
    public String baseUrl() {
        return server.baseUrl();
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
        return server.requests();
    }

    /** Requests whose path ends with the suffix, e.g. {@code ":streamGenerateContent"}. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return server.requests(pathSuffix);
    }

    /** Requests made with this key, by header or query. */
    public List<RecordedRequest> requestsWithKey(String apiKey) {
        return server.requests().stream().filter(r -> apiKey.equals(r.header("x-goog-api-key")) || apiKey.equals(r.queryParam("key"))).toList();
    }

    public int openStreams() {
        return server.openStreams();
    }

    /** Waits until no stream is being written; false if some still are after the timeout. */
    public boolean awaitNoOpenStreams(Duration timeout) {
        return server.awaitNoOpenStreams(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
