package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.ApiKey;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.ThinkingReplay;
import dev.nexus.dialect.gemini.GeminiEncoded;
import dev.nexus.dialect.gemini.GeminiEventDecoder;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import dev.nexus.secret.Secret;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A key-based Google upstream — the Gemini API or Vertex AI express mode — as a provider: canonical requests
 * (from the OpenAI and Anthropic surfaces) through the Gemini dialect, and GenAI requests relayed as they are.
 * The key arrives as the credentials' token, chosen by the gateway from the provider's key ring.
 */
public final class GoogleKeyProvider implements Provider, GeminiRelay {
    private final String id;
    private final String modelsPath;
    private final RelayTransport transport;
    private final ObjectMapper json;
    private final GoogleFailures failures;
    private final GoogleFailures.Upstream upstream;
    private final GeminiStreamReader reader;

    /**
     * @param id the provider id routes name ({@code gemini}, {@code vertex}); also the origin of its signatures
     * @param modelsPath the path of the models collection under the base URL, e.g. {@code /v1beta/models}
     */
    public GoogleKeyProvider(String id, String modelsPath, RelayTransport transport, ObjectMapper json, Clock clock) {
        this.id = id;
        this.modelsPath = modelsPath;
        this.transport = transport;
        this.json = json;
        this.failures = new GoogleFailures(json, clock);
        this.upstream = new GoogleFailures.Upstream(transport.name(), true, " (check the keys in NEXUS_"
                + id.toUpperCase(java.util.Locale.ROOT) + (id.equals("gemini") ? "_API_KEYS)" : "_API_KEY)"));
        this.reader = new GeminiStreamReader(json, transport.name());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink) {
        GeminiTarget target = new GeminiTarget(request.model(), id);
        GeminiEncoded encoded = GeminiRequests.encode(ThinkingReplay.safeFor(request, target.origin()), target);
        GeminiEventDecoder decoder = new GeminiEventDecoder(target, encoded.names(), "msg_" + RandomIds.hex(), encoded.searches());
        int[] events = {0};
        EventSink counted = event -> {
            events[0]++;
            sink.accept(event);
        };
        Outcome outcome = exchange(request.model(), request.stream(), encoded.body(), credentials,
                response -> decoder.chunk(response, counted), () -> events[0] > 0);
        if (outcome instanceof Outcome.Done) {
            decoder.end(counted);
        }
        return outcome;
    }

    @Override
    public List<String> limitations(ChatRequest request) {
        return GeminiRequests.limitations(request, new GeminiTarget(request.model(), id));
    }

    @Override
    public Outcome relay(GeminiCall call, String model, Credentials credentials, String requestId, GeminiSink sink) {
        ObjectNode body = call.body();
        body.remove("model");
        if (call.action() == GeminiCall.Action.COUNT_TOKENS) {
            return unary(model, "countTokens", body, credentials, sink::accept);
        }
        int[] chunks = {0};
        return exchange(model, call.action() == GeminiCall.Action.STREAM, body, credentials, response -> {
            chunks[0]++;
            sink.accept(response);
        }, () -> chunks[0] > 0);
    }

    private Outcome exchange(String model, boolean stream, ObjectNode body, Credentials credentials,
            java.util.function.Consumer<JsonNode> responses, java.util.function.BooleanSupplier started) {
        if (!stream) {
            return unary(model, "generateContent", body, credentials, responses);
        }
        try (RelayResponse response = send(model, "streamGenerateContent", "alt=sse", body, credentials.accessToken())) {
            if (response.status() != 200) {
                return classify(response.status(), response.errorBody(), response, model, credentials);
            }
            return reader.read(response.body(), responses,
                    (code, data) -> classify(code, data, response, model, credentials), started);
        } catch (IOException e) {
            return unreachable(e);
        }
    }

    private Outcome unary(String model, String method, ObjectNode body, Credentials credentials, java.util.function.Consumer<JsonNode> responses) {
        try (RelayResponse response = send(model, method, "", body, credentials.accessToken())) {
            if (response.status() != 200) {
                return classify(response.status(), response.errorBody(), response, model, credentials);
            }
            responses.accept(json.readTree(response.readAll()));
            return Outcome.DONE;
        } catch (IOException e) {
            return unreachable(e);
        }
    }

    private RelayResponse send(String model, String method, String query, ObjectNode body, Secret key) throws IOException {
        RelayRequest request = new RelayRequest("POST", query, Map.of("content-type", List.of("application/json")),
                json.writeValueAsBytes(body));
        // Routes may name Vertex's publisher models as google/…, as clients of Vertex do; no Gemini API id has a slash.
        String id = model.startsWith("google/") ? model.substring("google/".length()) : model;
        return transport.send(modelsPath + "/" + RelayTransport.segment(id) + ":" + method, request, new ApiKey(0, key));
    }

    private Outcome unreachable(IOException e) {
        String what = e instanceof HttpTimeoutException ? e.getMessage() : "cannot reach the " + transport.name() + ": " + e.getMessage();
        return new Outcome.Retryable(UpstreamError.of(e instanceof HttpTimeoutException ? 504 : 502,
                e instanceof HttpTimeoutException ? UpstreamError.Kind.TIMEOUT : UpstreamError.Kind.UPSTREAM, what));
    }

    /** Google's one table ({@link GoogleFailures}); a refused key names itself and where the keys are set. */
    private Outcome classify(int httpStatus, String body, RelayResponse response, String model, Credentials credentials) {
        return failures.classify(upstream, credentials.accountId(), httpStatus, body, response.header("retry-after"), model);
    }
}
