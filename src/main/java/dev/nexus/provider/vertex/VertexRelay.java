package dev.nexus.provider.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.ApiKey;
import dev.nexus.provider.GoogleKeyProvider;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.RelayResponse;
import dev.nexus.provider.RelayTransport;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Vertex express mode's publisher-model endpoints Nexus relays: {@code /v1/publishers/google/models/{model}:{action}}. */
public final class VertexRelay {
    public static final String PROVIDER = "vertex";
    public static final List<String> ACTIONS = List.of("generateContent", "streamGenerateContent", "countTokens");
    private static final String MODELS = "/v1/publishers/google/models/";

    private final RelayTransport transport;

    public VertexRelay(UpstreamHttp http, URI baseUrl, Duration timeout) {
        this.transport = new RelayTransport(http, "Vertex AI", baseUrl, timeout);
    }

    public String name() {
        return transport.name();
    }

    /** How long the upstream may take to send response headers. */
    public Duration timeout() {
        return transport.timeout();
    }

    /** This upstream as a gateway provider, for model routes that name {@code vertex}; shares this relay's transport. */
    public GoogleKeyProvider provider(ObjectMapper json, Clock clock) {
        return new GoogleKeyProvider(PROVIDER, MODELS.substring(0, MODELS.length() - 1), transport, json, clock);
    }

    /** The publisher's model id: clients often write Google's models as {@code google/gemini-…}. */
    public static String modelId(String requested) {
        return requested.startsWith("google/") ? requested.substring("google/".length()) : requested;
    }

    /** {@code POST /v1/publishers/google/models/{model}:{action}}; the action must be one of {@link #ACTIONS}. */
    public RelayResponse call(String model, String action, RelayRequest request, ApiKey key) throws IOException {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("the Vertex relay does not serve :" + action);
        }
        return transport.send(MODELS + RelayTransport.segment(modelId(model)) + ":" + action, request, key);
    }
}
