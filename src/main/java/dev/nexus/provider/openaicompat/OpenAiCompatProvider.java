package dev.nexus.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.ChatCompletionsEvents;
import dev.nexus.dialect.openai.ChatCompletionsRequests;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.io.WholeBody;
import dev.nexus.provider.ChatCompletionsRelay;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.SseReader;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One OpenAI-compatible upstream as a provider: {@code POST {base_url}/chat/completions} with the server's key as a
 * bearer token and the catalog's static headers. Canonical requests (from the Anthropic, Responses and GenAI surfaces,
 * or an OpenAI chat that needs translating) are encoded by the OpenAI dialect and the answer decoded by
 * {@link ChatCompletionsEvents}; OpenAI Chat Completions bodies are relayed with only {@code model} changed
 * ({@link ChatCompletionsRelay}). Failures are classified by {@link CompatFailures}; the gateway picks the key.
 */
public final class OpenAiCompatProvider implements Provider, ChatCompletionsRelay {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final CompatEndpoint endpoint;
    /** Made once: parsing the URL on every request showed in the fast path's profile. */
    private final java.net.URI chatCompletions;
    private final CompatFailures failures;

    public OpenAiCompatProvider(UpstreamHttp http, ObjectMapper json, Clock clock, CompatEndpoint endpoint) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.endpoint = endpoint;
        this.chatCompletions = endpoint.chatCompletions();
        this.failures = new CompatFailures(endpoint, json);
    }

    @Override
    public String id() {
        return endpoint.id();
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        ObjectNode body = ChatCompletionsRequests.encode(request);
        Guarded guarded = new Guarded(sink);
        ChatCompletionsEvents decoder = new ChatCompletionsEvents();
        return exchange(body, request.stream(), request.model(), credentials, new Reader() {
            @Override
            public Optional<Outcome> event(byte[] data) throws IOException {
                if (Arrays.equals(data, DONE)) {
                    return Optional.of(end());
                }
                JsonNode chunk = json.readTree(data);
                if (chunk == null || !chunk.isObject()) {
                    return Optional.empty();
                }
                if (chunk.hasNonNull("error") && !guarded.started()) {
                    return Optional.of(failures.ofChunk(chunk, request.model(), credentials.accountId(), clock.instant()));
                }
                decoder.chunk(chunk, guarded);
                return guarded.outcome();
            }

            @Override
            public Outcome end() {
                decoder.end(guarded);
                return guarded.outcome().orElse(Outcome.DONE);
            }

            @Override
            public Outcome body(byte[] bytes) throws IOException {
                JsonNode answer = json.readTree(bytes);
                if (answer == null || !answer.isObject()) {
                    return new Outcome.Retryable(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                            endpoint.shown() + " answered with a body that is not a JSON object"));
                }
                if (answer.hasNonNull("error")) {
                    return failures.ofChunk(answer, request.model(), credentials.accountId(), clock.instant());
                }
                ChatCompletionsEvents.fromResponse(answer, guarded);
                return guarded.outcome().orElse(Outcome.DONE);
            }

            @Override
            public boolean started() {
                return guarded.started();
            }
        });
    }

    /**
     * The fast path: the client's body as it is but for {@code model}; a stream's events go to the sink as the upstream
     * wrote them, each on arrival. Only events carrying {@code "error"} are parsed, to tell a failure from an answer.
     */
    @Override
    public Outcome relay(ObjectNode body, String model, Credentials credentials, String requestId, Sink sink) {
        body.put("model", model);
        boolean[] started = {false};
        // The first event (the role chunk) waits for the next: a failure announced right after it still fails over.
        byte[][] held = {null};
        return exchange(body, body.path("stream").asBoolean(false), model, credentials, new Reader() {
            @Override
            public Optional<Outcome> event(byte[] data) throws IOException {
                if (ChatCompletionsEvents.mayCarryError(data)) {
                    JsonNode chunk = json.readTree(data);
                    if (chunk != null && chunk.hasNonNull("error")) {
                        return Optional.of(started[0] ? new Outcome.Broken(OpenAiErrors.toUpstream(0, chunk))
                                : failures.ofChunk(chunk, model, credentials.accountId(), clock.instant()));
                    }
                }
                boolean done = Arrays.equals(data, DONE);
                if (!started[0] && held[0] == null && !done) {
                    held[0] = data;
                    return Optional.empty();
                }
                release();
                sink.event(data);
                return done ? Optional.of(Outcome.DONE) : Optional.empty();
            }

            private void release() {
                started[0] = true;
                if (held[0] != null) {
                    sink.event(held[0]);
                    held[0] = null;
                }
            }

            @Override
            public Outcome end() {
                release();
                return Outcome.DONE;
            }

            @Override
            public Outcome body(byte[] bytes) throws IOException {
                if (ChatCompletionsEvents.mayCarryError(bytes)) {
                    JsonNode answer = json.readTree(bytes);
                    if (answer != null && answer.hasNonNull("error")) {
                        return failures.ofChunk(answer, model, credentials.accountId(), clock.instant());
                    }
                }
                sink.body(bytes);
                return Outcome.DONE;
            }

            @Override
            public boolean started() {
                return started[0];
            }
        });
    }

    /** How one accepted answer is read: a stream event by event, or a whole body. */
    private interface Reader {
        /** One event's data ({@code [DONE]} included); an outcome ends the read. */
        Optional<Outcome> event(byte[] data) throws IOException;

        /** The stream ended without an outcome. */
        Outcome end();

        Outcome body(byte[] body) throws IOException;

        /** Whether anything reached the client: a failure after that is {@link Outcome.Broken}. */
        boolean started();
    }

    private Outcome exchange(ObjectNode body, boolean stream, String model, Credentials credentials, Reader reader) {
        UpstreamHttp.Answer answer;
        try {
            answer = http.send(new UpstreamHttp.Request("POST", chatCompletions, headers(credentials, stream),
                    json.writeValueAsBytes(body), endpoint.timeout()), endpoint.shown());
        } catch (InterruptedIOException e) {
            Thread.interrupted();
            return new Outcome.Retryable(UpstreamError.of(499, UpstreamError.Kind.UPSTREAM, "request cancelled"));
        } catch (IOException e) {
            return failures.unreachable(e);
        }
        Instant now = clock.instant();
        if (answer.status() != 200) {
            return failures.ofHttp(answer.status(), answer.errorText(), answer.header("Retry-After"), model,
                    credentials.accountId(), now);
        }
        try (InputStream in = answer.body()) {
            // Some servers ignore stream:true and answer with one JSON body: it is read as the whole answer.
            if (!stream || answer.header("Content-Type").filter(type -> type.startsWith("application/json")).isPresent()) {
                return reader.body(WholeBody.read(in, answer.contentLength()));
            }
            SseReader events = new SseReader(in);
            while (true) {
                Optional<SseReader.Event> next = events.next();
                if (next.isEmpty()) {
                    return reader.end();
                }
                byte[] data = next.get().data();
                Optional<Outcome> outcome;
                try {
                    outcome = reader.event(data);
                } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                    continue;
                }
                if (outcome.isPresent()) {
                    if (Arrays.equals(data, DONE)) {
                        // Nothing but the body's end follows [DONE]: read it, so the connection is kept for the next call.
                        answer.finish();
                    }
                    return outcome.get();
                }
            }
        } catch (IOException e) {
            return reader.started() ? new Outcome.Broken(failures.broken(e.getMessage()))
                    : new Outcome.Retryable(failures.broken(e.getMessage()));
        }
    }

    private List<Map.Entry<String, String>> headers(Credentials credentials, boolean stream) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4 + endpoint.staticHeaders().size());
        headers.add(Map.entry("Authorization", "Bearer " + credentials.accessToken().reveal()));
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("Accept", stream ? "text/event-stream" : "application/json"));
        endpoint.staticHeaders().forEach((name, value) -> {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            headers.add(Map.entry(name, value));
        });
        return headers;
    }

    /**
     * Passes the decoder's events on, keeping back a failure it reports so the provider can return it as an outcome
     * (the gateway, not the provider, tells the client). The message start waits for the next event: a failure announced
     * right after the role chunk still leaves the client untouched, so the gateway can fail over.
     */
    private static final class Guarded implements EventSink {
        private final EventSink sink;
        private boolean started;
        private ChatEvent held;
        private UpstreamError failure;

        Guarded(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ChatEvent event) {
            if (event instanceof ChatEvent.Failure f) {
                failure = f.error();
                return;
            }
            if (failure != null) {
                return;
            }
            if (!started && held == null && event instanceof ChatEvent.MessageStart) {
                held = event;
                return;
            }
            started = true;
            if (held != null) {
                sink.accept(held);
                held = null;
            }
            sink.accept(event);
        }

        boolean started() {
            return started;
        }

        Optional<Outcome> outcome() {
            if (failure == null) {
                return Optional.empty();
            }
            return Optional.of(started ? new Outcome.Broken(failure) : new Outcome.Retryable(failure));
        }
    }
}
