package dev.nexus.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The Anthropic Messages API on one loopback port, for one test ({@code POST /v1/messages}, see
 * {@link AnthropicEndpoints} for how strict it is). Accept keys, add models beyond the default ones, script replies,
 * rate-limit keys or overload the API, assert on {@link #requests()}, close it.
 */
public final class FakeAnthropic implements AutoCloseable {
    /** Models every fake knows from the start. */
    public static final List<String> MODELS = List.of("claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5");

    private final OpenStreams openStreams = new OpenStreams();
    private final AnthropicEndpoints messages = new AnthropicEndpoints(openStreams);
    private final FakeServer server;

    private FakeAnthropic() {
        MODELS.forEach(messages::addModel);
        server = new FakeServer("FakeAnthropic", openStreams, List.of(messages));
    }

    public static FakeAnthropic start() {
        return new FakeAnthropic();
    }

    /** Scheme, host and port; requests go to {@code baseUrl() + "/v1/messages"}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public FakeAnthropic acceptKey(String key) {
        messages.acceptKey(key);
        return this;
    }

    /** Keys are taken as {@code Authorization: Bearer} instead of {@code x-api-key}, as OpenRouter's Anthropic layer does. */
    public FakeAnthropic acceptBearer() {
        messages.acceptBearer();
        return this;
    }

    public FakeAnthropic addModel(String model) {
        messages.addModel(model);
        return this;
    }

    public FakeAnthropic enqueue(AnthropicReply reply) {
        messages.enqueue(reply);
        return this;
    }

    /** Calls with the key get 429 rate_limit_error with {@code retry-after} until {@code duration} from now. */
    public void rateLimit(String key, Duration duration) {
        messages.rateLimit(key, Instant.now().plus(duration));
    }

    public void liftRateLimit(String key) {
        messages.liftRateLimit(key);
    }

    /** The next {@code calls} calls get 529 overloaded_error. */
    public void overload(int calls) {
        messages.overload(calls);
    }

    /** Every thinking signature this fake has issued. */
    public Set<String> issuedSignatures() {
        return messages.issuedSignatures();
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** The requests to {@code /v1/messages}, in order. */
    public List<RecordedRequest> messageRequests() {
        return server.requests(AnthropicEndpoints.MESSAGES);
    }

    public boolean awaitNoOpenStreams(Duration timeout) {
        return server.awaitNoOpenStreams(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
