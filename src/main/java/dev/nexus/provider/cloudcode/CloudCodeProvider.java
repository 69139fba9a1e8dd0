package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.ThinkingReplay;
import dev.nexus.dialect.gemini.GeminiChunks;
import dev.nexus.dialect.gemini.GeminiEncoded;
import dev.nexus.dialect.gemini.GeminiEventDecoder;
import dev.nexus.dialect.gemini.GeminiPassThrough;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.GeminiCall;
import dev.nexus.provider.GeminiRelay;
import dev.nexus.provider.GeminiSink;
import dev.nexus.provider.GeminiStreamReader;
import dev.nexus.provider.GoogleFailures;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Cloud Code v1internal ("Antigravity") as a provider: the Gemini dialect inside the Antigravity envelope,
 * streamed over SSE or answered unary, on the account's OAuth token and project.
 */
public final class CloudCodeProvider implements Provider, GeminiRelay {
    /**
     * The origin stamped on signatures this upstream issues; only these are replayed to it. Claude and Gemini models
     * behind Cloud Code sign differently, so each family is its own origin.
     */
    static String origin(String model) {
        return model.toLowerCase(java.util.Locale.ROOT).contains("claude") ? "cloudcode/claude" : "cloudcode/gemini";
    }
    private static final Logger LOG = LoggerFactory.getLogger(CloudCodeProvider.class);
    private static final GoogleFailures.Upstream UPSTREAM = new GoogleFailures.Upstream("Cloud Code", false, "");

    private final CloudCodeHttp http;
    private final Projects projects;
    private final GoogleFailures failures;
    private final ObjectMapper json;
    private final GeminiStreamReader reader;
    private final GeminiPassThrough passThrough = new GeminiPassThrough();

    /** Where the provider learns an account's project ({@link CloudCodeProjects}). */
    @FunctionalInterface
    public interface Projects {
        String project(String accountId, Secret accessToken) throws AccountUnavailableException;
    }

    public CloudCodeProvider(UpstreamHttp client, ObjectMapper json, Clock clock, java.util.List<java.net.URI> baseUrls, String userAgent,
            Projects projects) {
        this.http = new CloudCodeHttp(client, baseUrls, userAgent);
        this.projects = projects;
        this.failures = new GoogleFailures(json, clock);
        this.json = json;
        this.reader = new GeminiStreamReader(json, "Cloud Code");
    }

    @Override
    public String id() {
        return "google";
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        String model = request.model();
        GeminiTarget target = new GeminiTarget(model, origin(model));
        // Thinking this upstream cannot verify is dropped; for Claude, thinking goes off rather than break the loop.
        GeminiEncoded encoded = GeminiRequests.encode(ThinkingReplay.safeFor(request, target.origin()), target);
        String project;
        try {
            project = projects.project(credentials.accountId(), credentials.accessToken());
        } catch (AccountUnavailableException e) {
            return Outcome.unavailable(e);
        }
        ObjectNode envelope = AntigravityShape.envelope(encoded.body(), model, project);
        // Premium models only answer well on the streaming endpoint; their non-stream answers are collected from it.
        boolean stream = request.stream() || AntigravityShape.premium(model);
        byte[] body;
        try {
            body = json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a Cloud Code request", e);
        }
        CloudCodeHttp.Exchange exchange;
        try {
            exchange = stream
                    ? http.post("streamGenerateContent", "alt=sse", body, credentials.accessToken())
                    : http.post("generateContent", "", body, credentials.accessToken());
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retryable(UpstreamError.of(499, UpstreamError.Kind.UPSTREAM, "request cancelled"));
        }
        if (exchange.status() != 200) {
            return failed(exchange.status(), exchange.errorBody(), exchange.header("Retry-After"), model);
        }
        CountingSink counted = new CountingSink(sink);
        GeminiEventDecoder decoder = new GeminiEventDecoder(target, encoded.names(), "msg_" + RandomIds.hex(), encoded.searches());
        try {
            if (!stream) {
                return readUnary(exchange.readAll(), decoder, counted);
            }
            try (InputStream in = exchange.body()) {
                return readStream(in, decoder, counted, model);
            }
        } catch (IOException e) {
            UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the Cloud Code stream broke: " + e.getMessage());
            return counted.count == 0 ? new Outcome.Retryable(error) : new Outcome.Broken(error);
        }
    }

    /** No answer came: a timeout says how long it waited; anything else names the address setting to check. */
    private static Outcome unreachable(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return new Outcome.Retryable(UpstreamError.of(504, UpstreamError.Kind.TIMEOUT, e.getMessage()));
        }
        return new Outcome.Retryable(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                "cannot reach Cloud Code: " + e.getMessage() + " (check the network or NEXUS_CLOUDCODE_BASE_URLS)"));
    }

    @Override
    public java.util.List<String> limitations(ChatRequest request) {
        return GeminiRequests.limitations(request, new GeminiTarget(request.model(), origin(request.model())));
    }

    /**
     * Cloud Code's {@code countTokens} for the request's contents, with the system instruction counted as a leading
     * user turn (the method takes contents only). Tool declarations are not part of the upstream count.
     */
    @Override
    public java.util.OptionalLong countTokens(ChatRequest request, Credentials credentials) {
        ObjectNode encoded = GeminiRequests.encode(request, new GeminiTarget(request.model(), origin(request.model()))).body();
        try {
            CloudCodeHttp.Exchange exchange = http.post("countTokens", "", countBody(encoded, request.model()), credentials.accessToken());
            if (exchange.status() != 200) {
                LOG.debug("countTokens answered HTTP {}: {}", exchange.status(), exchange.errorBody());
                return java.util.OptionalLong.empty();
            }
            JsonNode answer = json.readTree(exchange.readAll());
            return answer.has("totalTokens") ? java.util.OptionalLong.of(answer.path("totalTokens").asLong())
                    : java.util.OptionalLong.empty();
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    /** Cloud Code's countTokens takes contents only: a system instruction is counted as a leading user turn. */
    private byte[] countBody(JsonNode geminiRequest, String model) throws IOException {
        com.fasterxml.jackson.databind.node.ArrayNode contents = json.createArrayNode();
        if (geminiRequest.has("systemInstruction")) {
            ObjectNode system = contents.addObject();
            system.put("role", "user");
            system.set("parts", geminiRequest.path("systemInstruction").path("parts"));
        }
        geminiRequest.path("contents").forEach(contents::add);
        ObjectNode body = json.createObjectNode();
        ObjectNode inner = body.putObject("request");
        inner.put("model", "models/" + model);
        inner.set("contents", contents);
        return json.writeValueAsBytes(body);
    }

    /**
     * The GenAI surface's pass-through: the client's GenerateContentRequest becomes the envelope's {@code request}
     * with only what Cloud Code needs changed, and answers are unwrapped from {@code {response, traceId}}.
     */
    @Override
    public Outcome relay(GeminiCall call, String model, Credentials credentials, String requestId, GeminiSink sink) {
        try {
            return call.action() == GeminiCall.Action.COUNT_TOKENS
                    ? relayCount(call.body(), model, credentials, sink)
                    : relayGenerate(call, model, credentials, projects.project(credentials.accountId(), credentials.accessToken()), sink);
        } catch (AccountUnavailableException e) {
            return Outcome.unavailable(e);
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retryable(UpstreamError.of(499, UpstreamError.Kind.UPSTREAM, "request cancelled"));
        }
    }

    private Outcome relayGenerate(GeminiCall call, String model, Credentials credentials, String project, GeminiSink sink)
            throws IOException, InterruptedException {
        ObjectNode request = call.body();
        request.remove("model");
        passThrough.prepare(request, new GeminiTarget(model, origin(model)));
        ObjectNode envelope = AntigravityShape.envelope(request, model, project);
        boolean clientStreams = call.action() == GeminiCall.Action.STREAM;
        boolean stream = clientStreams || AntigravityShape.premium(model);
        byte[] body = json.writeValueAsBytes(envelope);
        CloudCodeHttp.Exchange exchange = stream
                ? http.post("streamGenerateContent", "alt=sse", body, credentials.accessToken())
                : http.post("generateContent", "", body, credentials.accessToken());
        if (exchange.status() != 200) {
            return failed(exchange.status(), exchange.errorBody(), exchange.header("Retry-After"), model);
        }
        if (!stream) {
            sink.accept(unwrap(json.readTree(exchange.readAll())));
            return Outcome.DONE;
        }
        try (InputStream in = exchange.body()) {
            if (!clientStreams) {
                // A premium model answered on the stream endpoint: the client gets the one response it asked for.
                List<JsonNode> chunks = new ArrayList<>();
                Outcome outcome = reader.read(in, chunks::add, (code, data) -> failed(code, data, Optional.empty(), model), () -> false);
                if (outcome instanceof Outcome.Done) {
                    sink.accept(GeminiChunks.merge(chunks));
                }
                return outcome;
            }
            int[] sent = {0};
            return reader.read(in, response -> {
                sent[0]++;
                sink.accept(response);
            }, (code, data) -> failed(code, data, Optional.empty(), model), () -> sent[0] > 0);
        }
    }

    /** GenAI countTokens: {@code {contents}} or {@code {generateContentRequest:{…}}} → Cloud Code's countTokens. */
    private Outcome relayCount(ObjectNode body, String model, Credentials credentials, GeminiSink sink)
            throws IOException, InterruptedException {
        JsonNode request = body.has("generateContentRequest") ? body.path("generateContentRequest") : body;
        CloudCodeHttp.Exchange exchange = http.post("countTokens", "", countBody(request, model), credentials.accessToken());
        if (exchange.status() != 200) {
            return failed(exchange.status(), exchange.errorBody(), exchange.header("Retry-After"), model);
        }
        sink.accept(unwrap(json.readTree(exchange.readAll())));
        return Outcome.DONE;
    }

    private Outcome readStream(InputStream in, GeminiEventDecoder decoder, CountingSink sink, String model) {
        Outcome outcome = reader.read(in, response -> decoder.chunk(response, sink),
                (code, data) -> failed(code, data, Optional.empty(), model), () -> sink.count > 0);
        if (outcome instanceof Outcome.Done) {
            decoder.end(sink);
        }
        return outcome;
    }

    private Outcome readUnary(byte[] body, GeminiEventDecoder decoder, CountingSink sink) throws IOException {
        decoder.chunk(unwrap(json.readTree(body)), sink);
        decoder.end(sink);
        return Outcome.DONE;
    }

    /** Cloud Code wraps Google's answer as {@code {response:{…}}}. */
    private static JsonNode unwrap(JsonNode root) {
        return root.has("response") ? root.path("response") : root;
    }

    /** Counts events passed on, so a failure can tell whether the client already has partial output. */
    private static final class CountingSink implements EventSink {
        private final EventSink delegate;
        int count;

        CountingSink(EventSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void accept(ChatEvent event) {
            count++;
            delegate.accept(event);
        }
    }

    private Outcome failed(int status, String body, Optional<String> retryAfter, String model) {
        return failures.classify(UPSTREAM, "", status, body, retryAfter, model);
    }
}
