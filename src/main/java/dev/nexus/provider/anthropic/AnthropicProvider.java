package dev.nexus.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.ThinkingReplay;
import dev.nexus.dialect.anthropic.AnthropicEvents;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.SseReader;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Anthropic-format upstream as a provider: {@code POST {base}/v1/messages} with the key (as {@code x-api-key}, or
 * as a bearer token where the upstream wants that) and {@code anthropic-version}. Canonical requests (OpenAI, Responses and GenAI clients) go through the Anthropic dialect
 * ({@link AnthropicRequests#encode}, {@link AnthropicEvents}); Anthropic clients' bodies are relayed as they are
 * ({@link AnthropicRelay}). Failures are classified by {@link AnthropicFailures}; keys are the gateway's to choose.
 * One instance per upstream, shared by all requests; blocking, called from virtual threads.
 */
public final class AnthropicProvider implements Provider, AnthropicRelay {
    /** The built-in provider's id. */
    public static final String ID = "anthropic";
    /** The API version Nexus speaks, and sends unless a relayed client sent its own. */
    public static final String VERSION = "2023-06-01";
    /**
     * Whose signatures this upstream verifies. Every Anthropic-format upstream verifies Anthropic's own (a catalog
     * provider relays to Anthropic), so they share one origin and a conversation can move between them.
     */
    static final String ORIGIN = "anthropic";
    /** The client headers a relay forwards; never the client's credentials. */
    private static final List<String> CLIENT_HEADERS = List.of("anthropic-version", "anthropic-beta");

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final AnthropicUpstream upstream;
    private final AnthropicFailures failures;

    public AnthropicProvider(UpstreamHttp http, ObjectMapper json, Clock clock, AnthropicUpstream upstream) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.upstream = upstream;
        this.failures = new AnthropicFailures(upstream, json);
    }

    @Override
    public String id() {
        return upstream.id();
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        ObjectNode body = AnthropicRequests.encode(ThinkingReplay.safeFor(request, ORIGIN));
        HeldStart held = new HeldStart(sink);
        AnthropicEvents decoder = new AnthropicEvents();
        return send(body, Map.of(), credentials, request.model(), (in, now) -> {
            try {
                if (!request.stream()) {
                    // Read to the end, not just to the closing brace, so the connection can be reused.
                    AnthropicEvents.fromResponse(json.readTree(in.readAllBytes()), held);
                } else {
                    SseReader events = new SseReader(in);
                    for (Optional<SseReader.Event> next = events.next(); next.isPresent() && held.failure().isEmpty();
                            next = events.next()) {
                        JsonNode data = parse(next.get().data());
                        if (data != null) {
                            decoder.event(next.get().name(), data, held);
                        }
                    }
                    decoder.end(held);
                }
            } catch (IOException e) {
                return broke(e, held.released());
            }
            return ended(held.failure(), held.released(), credentials, request.model(), now);
        });
    }

    /**
     * The pass-through: the client's body with the target model, the client's version and betas. Events before the
     * first content ({@code message_start}, {@code ping}) are held back so that a failure announced right after them
     * leaves the client untouched for failover; the upstream's {@code error} event becomes the call's failure, which
     * the front writes in the same shape.
     */
    @Override
    public Outcome relay(ObjectNode body, Map<String, String> clientHeaders, String model, Credentials credentials,
            String requestId, Sink sink) {
        body.put("model", model);
        boolean stream = body.path("stream").asBoolean(false);
        return send(body, clientHeaders, credentials, model, (in, now) -> {
            if (!stream) {
                sink.message(in.readAllBytes());
                return Outcome.DONE;
            }
            RelayedStream relayed = new RelayedStream(sink, json);
            try {
                SseReader events = new SseReader(in);
                for (Optional<SseReader.Event> next = events.next(); next.isPresent() && !relayed.over(); next = events.next()) {
                    relayed.event(next.get());
                }
            } catch (IOException e) {
                return broke(e, relayed.released());
            }
            return ended(relayed.failure(), relayed.released(), credentials, model, now);
        });
    }

    /** The answer's body broke off: before anything reached the client another key may answer, after it not. */
    private Outcome broke(IOException e, boolean released) {
        UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "the " + upstream.name() + " stream broke: "
                + e.getMessage());
        return released ? new Outcome.Broken(error) : new Outcome.Retryable(error);
    }

    private Outcome ended(Optional<UpstreamError> failure, boolean released, Credentials credentials, String model, Instant now) {
        if (failure.isEmpty()) {
            return Outcome.DONE;
        }
        return released ? new Outcome.Broken(failure.get())
                : failures.of(failure.get(), Optional.empty(), credentials.accountId(), model, now);
    }

    /** How an accepted answer's body is read. */
    @FunctionalInterface
    private interface BodyReader {
        Outcome read(InputStream body, Instant now) throws IOException;
    }

    private Outcome send(ObjectNode body, Map<String, String> clientHeaders, Credentials credentials, String model, BodyReader answer) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", "application/json"));
        headers.add(upstream.keyHeader(credentials.accessToken().reveal()));
        headers.add(Map.entry("anthropic-version", VERSION));
        upstream.staticHeaders().forEach((name, value) -> headers.add(Map.entry(name, value)));
        clientHeaders.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (CLIENT_HEADERS.contains(lower)) {
                headers.removeIf(h -> h.getKey().equalsIgnoreCase(lower));
                headers.add(Map.entry(lower, value));
            }
        });
        UpstreamHttp.Answer response;
        try {
            response = http.send(new UpstreamHttp.Request("POST", upstream.messages(), headers, json.writeValueAsBytes(body),
                    upstream.timeout()), upstream.name());
        } catch (IOException e) {
            return Outcome.notSent(e, "cannot reach the " + upstream.name() + " at " + upstream.baseUrl() + ": " + e.getMessage()
                    + " (check the network or the provider's base URL)");
        }
        Instant now = clock.instant();
        if (response.status() != 200) {
            return failures.ofHttp(response.status(), response.errorText(), response.header("retry-after"),
                    credentials.accountId(), model, now);
        }
        try (InputStream in = response.body()) {
            return answer.read(in, now);
        } catch (IOException e) {
            // Only a non-streamed relay's body read gets here, and nothing of it reached the client.
            return broke(e, false);
        }
    }

    private JsonNode parse(byte[] data) {
        try {
            JsonNode node = json.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (IOException malformed) {
            return null; // a keep-alive or torn line: nothing the answer depends on
        }
    }
}
