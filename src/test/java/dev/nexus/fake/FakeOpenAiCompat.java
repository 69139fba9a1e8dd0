package dev.nexus.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An OpenAI-compatible upstream (OpenRouter, NVIDIA and the like) on one loopback port: {@code POST /v1/chat/completions},
 * {@code GET /v1/models} and, as OpenRouter serves it, Anthropic's {@code POST /v1/messages}; any other path is a 404
 * page (every request is recorded, whatever its path), as strict as such a server: a missing or unknown bearer key is a 401, an unknown model a
 * 404, and rejected parameters a 400, each in OpenAI's error envelope; a key can be rate limited (429 with
 * {@code Retry-After}). Streams are {@code chat.completion.chunk} SSE ending in {@code [DONE]}, with a usage chunk when
 * {@code stream_options.include_usage} asks for it; unknown top-level fields are accepted, as such servers do. Point a
 * catalog entry's {@code base_url} at {@link #baseUrl()}, accept keys, add models, script replies, read
 * {@link #requests()}.
 */
public final class FakeOpenAiCompat implements AutoCloseable {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Map<String, Duration> limited = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompatReply> script = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean ignoreStream = new java.util.concurrent.atomic.AtomicBoolean();
    private final OpenStreams openStreams = new OpenStreams();
    /** Anthropic Messages at {@code /v1/messages} with bearer keys, as OpenRouter serves it. */
    private final AnthropicEndpoints messages;
    private final FakeServer server;

    private FakeOpenAiCompat() {
        CompatEndpoints chat = new CompatEndpoints(keys, models, limited, script, ignoreStream, openStreams);
        messages = new AnthropicEndpoints(openStreams);
        messages.acceptBearer();
        server = new FakeServer("FakeOpenAiCompat", openStreams, List.of(chat, messages));
    }

    /**
     * Chat Completions and models, and Anthropic Messages at {@code /v1/messages} (OpenRouter's second API) as strict
     * as {@link FakeAnthropic} is, with the same keys as bearer tokens and the same models.
     */
    public static FakeOpenAiCompat start() {
        return new FakeOpenAiCompat();
    }

    /** {@code http://127.0.0.1:<port>/v1}: what a catalog entry's {@code base_url} is set to. */
    public String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    public FakeOpenAiCompat acceptKey(String key) {
        keys.add(key);
        messages.acceptKey(key);
        return this;
    }

    public FakeOpenAiCompat addModel(String id) {
        models.add(id);
        messages.addModel(id);
        return this;
    }

    /** Every request with this key gets a 429 with {@code Retry-After} of {@code retryAfter} until lifted. */
    public FakeOpenAiCompat rateLimit(String key, Duration retryAfter) {
        limited.put(key, retryAfter);
        return this;
    }

    public FakeOpenAiCompat liftRateLimit(String key) {
        limited.remove(key);
        return this;
    }

    /** The next chat request is answered with this (in order); without a scripted reply the model says hello. */
    public FakeOpenAiCompat enqueue(CompatReply reply) {
        script.add(reply);
        return this;
    }

    /** The next Anthropic Messages request is answered with this. */
    public FakeOpenAiCompat enqueueMessage(AnthropicReply reply) {
        messages.enqueue(reply);
        return this;
    }

    /** The Anthropic Messages requests, in arrival order. */
    public List<RecordedRequest> messageRequests() {
        return server.requests(AnthropicEndpoints.MESSAGES);
    }

    /** Answers {@code stream: true} with one JSON body, as some servers do. */
    public FakeOpenAiCompat ignoreStream() {
        ignoreStream.set(true);
        return this;
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** The requests whose path ends with {@code pathSuffix}, in arrival order. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return server.requests(pathSuffix);
    }

    /** The chat requests, in arrival order. */
    public List<RecordedRequest> chats() {
        return server.requests("/chat/completions");
    }

    public boolean awaitNoOpenStreams(Duration timeout) {
        return server.awaitNoOpenStreams(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
