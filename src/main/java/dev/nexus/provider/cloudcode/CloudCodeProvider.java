package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.ThinkingReplay;
import dev.nexus.dialect.gemini.GeminiEncoded;
import dev.nexus.dialect.gemini.GeminiEventDecoder;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Cloud Code v1internal ("Antigravity") as a provider: the Gemini dialect inside the Antigravity envelope,
 * streamed over SSE or answered unary, on the account's OAuth token and project.
 */
public final class CloudCodeProvider implements Provider {
    /**
     * The origin stamped on signatures this upstream issues; only these are replayed to it. Claude and Gemini models
     * behind Cloud Code sign differently, so each family is its own origin.
     */
    static String origin(String model) {
        return model.toLowerCase(java.util.Locale.ROOT).contains("claude") ? "cloudcode/claude" : "cloudcode/gemini";
    }
    private static final Logger LOG = LoggerFactory.getLogger(CloudCodeProvider.class);

    private final CloudCodeHttp http;
    private final CloudCodeErrors errors;
    private final ObjectMapper json;

    public CloudCodeProvider(HttpClient client, ObjectMapper json, Clock clock, java.util.List<java.net.URI> baseUrls, String userAgent) {
        this.http = new CloudCodeHttp(client, baseUrls, userAgent);
        this.errors = new CloudCodeErrors(json, clock);
        this.json = json;
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
        ObjectNode envelope = AntigravityShape.envelope(encoded.body(), model, credentials.projectId().orElse(""));
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
            return new Outcome.Retryable(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "cannot reach Cloud Code: " + e.getMessage() + " (check the network or NEXUS_CLOUDCODE_BASE_URLS)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retryable(UpstreamError.of(499, UpstreamError.Kind.UPSTREAM, "request cancelled"));
        }
        if (exchange.status() != 200) {
            return errors.classify(exchange.status(), exchange.errorBody(),
                    exchange.response().headers().firstValue("Retry-After"), model);
        }
        CountingSink counted = new CountingSink(sink);
        GeminiEventDecoder decoder = new GeminiEventDecoder(target, encoded.names(), "msg_" + UUID.randomUUID().toString().replace("-", ""));
        try (InputStream in = exchange.response().body()) {
            return stream ? readStream(in, decoder, counted, model) : readUnary(in, decoder, counted, model);
        } catch (IOException e) {
            UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the Cloud Code stream broke: " + e.getMessage());
            return counted.count == 0 ? new Outcome.Retryable(error) : new Outcome.Broken(error);
        }
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
        com.fasterxml.jackson.databind.node.ArrayNode contents = json.createArrayNode();
        if (encoded.has("systemInstruction")) {
            ObjectNode system = contents.addObject();
            system.put("role", "user");
            system.set("parts", encoded.path("systemInstruction").path("parts"));
        }
        encoded.path("contents").forEach(contents::add);
        ObjectNode body = json.createObjectNode();
        ObjectNode inner = body.putObject("request");
        inner.put("model", "models/" + request.model());
        inner.set("contents", contents);
        try {
            CloudCodeHttp.Exchange exchange = http.post("countTokens", "", json.writeValueAsBytes(body), credentials.accessToken());
            if (exchange.status() != 200) {
                LOG.debug("countTokens answered HTTP {}: {}", exchange.status(), exchange.errorBody());
                return java.util.OptionalLong.empty();
            }
            try (InputStream in = exchange.response().body()) {
                JsonNode answer = json.readTree(in);
                return answer.has("totalTokens") ? java.util.OptionalLong.of(answer.path("totalTokens").asLong())
                        : java.util.OptionalLong.empty();
            }
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    private Outcome readStream(InputStream in, GeminiEventDecoder decoder, CountingSink sink, String model) throws IOException {
        SseReader reader = new SseReader(in);
        boolean finished = false;
        for (Optional<SseReader.Event> next = reader.next(); next.isPresent(); next = reader.next()) {
            String data = next.get().data().trim();
            if (data.isEmpty()) {
                continue;
            }
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (IOException malformed) {
                LOG.debug("skipping a malformed Cloud Code stream chunk: {}", malformed.getMessage());
                continue;
            }
            JsonNode errorNode = chunk.isArray() ? chunk.path(0) : chunk;
            if (errorNode.has("error")) {
                Outcome failure = errors.classify(errorNode.path("error").path("code").asInt(500), data, Optional.empty(), model);
                return sink.count == 0 ? failure : new Outcome.Broken(errorOf(failure));
            }
            JsonNode response = chunk.has("response") ? chunk.path("response") : chunk;
            decoder.chunk(response, sink);
            finished |= hasFinishReason(response);
        }
        if (!finished) {
            UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the Cloud Code stream ended before the model finished (connection closed early)");
            return sink.count == 0 ? new Outcome.Retryable(error) : new Outcome.Broken(error);
        }
        decoder.end(sink);
        return Outcome.DONE;
    }

    private Outcome readUnary(InputStream in, GeminiEventDecoder decoder, CountingSink sink, String model) throws IOException {
        JsonNode root = json.readTree(in);
        JsonNode response = root.has("response") ? root.path("response") : root;
        decoder.chunk(response, sink);
        decoder.end(sink);
        return Outcome.DONE;
    }

    private static boolean hasFinishReason(JsonNode response) {
        for (JsonNode candidate : response.path("candidates")) {
            if (!candidate.path("finishReason").asText("").isEmpty()) {
                return true;
            }
        }
        return response.path("promptFeedback").has("blockReason");
    }

    private static UpstreamError errorOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.RateLimited r -> r.error();
            case Outcome.AuthExpired a -> a.error();
            case Outcome.AccountUnusable u -> u.error();
            case Outcome.Retryable r -> r.error();
            case Outcome.Fatal f -> f.error();
            case Outcome.Broken b -> b.error();
            case Outcome.Done d -> UpstreamError.of(500, UpstreamError.Kind.INTERNAL, "no error");
        };
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
}
